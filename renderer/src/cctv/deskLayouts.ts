import { checkLayout, type WallLayout } from '../../../shared/cctv/layouts.js';

/** Layouts an operator keeps at their desk: numbered slots, one of them on screen. */
export interface DeskLayouts {
  current: number;
  slots: Record<number, WallLayout>;
}
export const LAYOUT_SLOTS = 4;
const EMPTY: WallLayout = { size: 4, tiles: [] };

export const deskLayoutsKey = (operator: string) => `beacon.cctv.layouts.${operator}`;

/** What was stored, or a fresh desk; anything malformed is dropped, never thrown. */
export function readDeskLayouts(raw: string | null): DeskLayouts {
  const desk: DeskLayouts = { current: 1, slots: Object.create(null) as Record<number, WallLayout> };
  try {
    const o = JSON.parse(raw ?? 'null') as { current?: unknown; slots?: Record<string, unknown> } | null;
    if (typeof o?.current === 'number' && o.current >= 1 && o.current <= LAYOUT_SLOTS) desk.current = o.current;
    for (let n = 1; n <= LAYOUT_SLOTS; n++) if (o?.slots?.[n]) desk.slots[n] = checkLayout(o.slots[n]);
  } catch {
    // An unreadable desk starts afresh.
  }
  return desk;
}

export const layoutOf = (d: DeskLayouts, n = d.current): WallLayout => d.slots[n] ?? EMPTY;

/** The desk with the layout on screen kept in its slot. */
export const keep = (d: DeskLayouts, layout: WallLayout): DeskLayouts => ({ current: d.current, slots: { ...d.slots, [d.current]: layout } });

/** Switches to slot `n`: what is on screen stays in its slot, slot `n` comes up (empty if new). */
export function switchTo(d: DeskLayouts, onScreen: WallLayout, n: number): DeskLayouts {
  const kept = keep(d, onScreen);
  return n >= 1 && n <= LAYOUT_SLOTS ? { ...kept, current: n } : kept;
}
