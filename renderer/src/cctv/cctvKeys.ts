import type { ConsoleStore } from '../store/store.js';

export const CCTV_SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'V', action: 'CCTV view: open / close' },
  { keys: 'Shift+C', action: 'Cameras on the map: show / hide' },
  { keys: 'Shift+S', action: 'Cameras that see the selected incident or unit' },
  { keys: '1–9', action: 'CCTV: select a tile (two digits for 10–16)' },
  { keys: 'Enter / Esc', action: 'CCTV: enlarge the tile / return' },
  { keys: 'F', action: 'CCTV: find a camera' },
  { keys: 'L', action: 'CCTV: next layout (1, 4, 9, 16)' },
  { keys: '← → ↑ ↓  + −', action: 'CCTV: pan, tilt, zoom the selected PTZ camera' },
  { keys: 'P then 1–9', action: 'CCTV: send the selected PTZ camera to a preset' },
  { keys: '[ ] (Shift: 15°)', action: 'CCTV: turn the selected camera\'s cone 5° left / right (journaled)' },
  { keys: 'K then 1–4', action: 'CCTV: switch to saved layout 1–4' },
  { keys: 'W then 1–16', action: 'CCTV: send the selected camera to a wall tile' },
];

const isTyping = (t: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' && t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export interface CctvKeyActions {
  camerasThatSee(): void;
  findCamera(): void;
  sendToWall(tile: number): void;
  ptz(key: 'left' | 'right' | 'up' | 'down' | 'in' | 'out', down: boolean): void;
  preset(n: number): void;
  /** Turn the selected camera's cone on the map (a supervisor correcting the registry). */
  turn(degrees: number): void;
  /** Switch to the desk's saved layout N (what is on screen stays saved in its own). */
  layout(n: number): void;
}

const TURN_KEYS: Record<string, number> = { '[': -5, ']': 5, '{': -15, '}': 15 };

/** Digits typed within this long of each other make one tile number (1 then 2 = tile 12). */
const TWO_DIGITS_MS = 700;

/**
 * The CCTV operator's keyboard: digits, Enter and Esc move around the tiles, arrows and +/− turn
 * the selected PTZ camera while held. Returns a handler for keydown and keyup.
 */
export function cctvKeyHandler(store: ConsoleStore, actions: CctvKeyActions, now: () => number = Date.now) {
  let digits = '';
  let digitsAt = 0;
  let wallPending = false;
  let presetPending = false;
  let layoutPending = false;
  let wallTimer: ReturnType<typeof setTimeout> | null = null;
  const PTZ_KEYS: Record<string, 'left' | 'right' | 'up' | 'down' | 'in' | 'out'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down', '+': 'in', '=': 'in', '-': 'out', _: 'out' };
  let held: (typeof PTZ_KEYS)[string] | null = null;
  const handle = (e: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented' | 'type' | 'repeat'> & { shiftKey?: boolean }): boolean => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return false;
    const s = store.getState();
    if (e.type === 'keyup') {
      const ptz = PTZ_KEYS[e.key];
      if (ptz && held === ptz) {
        held = null;
        actions.ptz(ptz, false);
      }
      return !!ptz && s.cctvOpen;
    }
    const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (k === 'v') return s.setCctvOpen(!s.cctvOpen), true;
    // With Shift: plain C and S close the selected incident and put its officer on scene.
    if (k === 'c' && e.shiftKey) return s.toggleCamerasLayer(), true;
    if (k === 's' && e.shiftKey) return actions.camerasThatSee(), true;
    if (!s.cctvOpen) return false;
    if (/^[0-9]$/.test(k) && layoutPending) {
      layoutPending = false;
      actions.layout(Number(k));
      return true;
    }
    if (/^[0-9]$/.test(k) && presetPending) {
      presetPending = false;
      if (k !== '0') actions.preset(Number(k));
      return true;
    }
    if (/^[0-9]$/.test(k)) {
      const t = now();
      digits = t - digitsAt < TWO_DIGITS_MS && digits === '1' ? digits + k : k;
      digitsAt = t;
      const n = Number(digits);
      if (wallPending) {
        if (wallTimer) clearTimeout(wallTimer);
        wallTimer = null;
        // "1" may be the start of 10–16: it is sent only once no second digit follows.
        if (digits === '1') wallTimer = setTimeout(() => ((wallPending = false), actions.sendToWall(0)), TWO_DIGITS_MS);
        else {
          wallPending = false;
          if (n >= 1 && n <= 16) actions.sendToWall(n - 1);
        }
        return true;
      }
      if (n >= 1) s.selectTile(Math.min(n, s.cctv.size) - 1);
      return true;
    }
    wallPending = false;
    presetPending = false;
    layoutPending = false;
    if (k === 'k') return (layoutPending = true), true;
    if (k === 'w') return (wallPending = true), true;
    if (k === 'p') return (presetPending = true), true;
    if (k === 'Enter') return s.setEnlarged(true), true;
    if (k === 'Escape') {
      if (s.enlarged) s.setEnlarged(false);
      else s.setCctvOpen(false);
      return true;
    }
    if (k === 'f') return actions.findCamera(), true;
    if (k === 'l') {
      const sizes = [1, 4, 9, 16] as const;
      s.setLayoutSize(sizes[(sizes.indexOf(s.cctv.size) + 1) % sizes.length]!);
      return true;
    }
    if (k === 'Delete' || k === 'Backspace') {
      const tiles = [...s.cctv.tiles];
      tiles[s.selectedTile] = null;
      s.setCctvLayout({ ...s.cctv, tiles });
      return true;
    }
    const ptz = PTZ_KEYS[e.key];
    if (ptz) {
      if (!e.repeat) {
        // One movement at a time: a second key's ContinuousMove replaces the first (no Stop
        // between, which could arrive after the new move and halt it).
        held = ptz;
        actions.ptz(ptz, true);
      }
      return true;
    }
    const turn = TURN_KEYS[e.key];
    if (turn) return actions.turn(turn), true;
    return false;
  };
  /**
   * The window lost the keyboard (another window, a dialog) with a PTZ key down: its key-up will
   * never come, so the camera is stopped now rather than left turning.
   */
  const release = () => {
    if (!held) return;
    const k = held;
    held = null;
    actions.ptz(k, false);
  };
  return Object.assign(handle, { release });
}
