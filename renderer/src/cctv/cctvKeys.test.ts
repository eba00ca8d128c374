// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createConsoleStore } from '../store/store.js';
import { type CctvKeyActions, cctvKeyHandler } from './cctvKeys.js';

const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
  ({ key: k, type: 'keydown', target: null, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, repeat: false, ...extra }) as KeyboardEvent;

function rig() {
  const store = createConsoleStore();
  const actions: CctvKeyActions = { camerasThatSee: vi.fn(), findCamera: vi.fn(), sendToWall: vi.fn(), ptz: vi.fn(), preset: vi.fn(), turn: vi.fn(), layout: vi.fn() };
  let t = 0;
  const handle = cctvKeyHandler(store, actions, () => t);
  return { store, actions, handle, at: (ms: number) => (t = ms) };
}

describe('the CCTV keyboard', () => {
  it('V opens the view; digits select a tile, two quick digits a tile above 9; Enter enlarges, Esc returns then closes', () => {
    const { store, handle, at } = rig();
    expect(handle(key('2'))).toBe(false);
    handle(key('v'));
    expect(store.getState().cctvOpen).toBe(true);
    store.getState().setLayoutSize(16);
    handle(key('3'));
    expect(store.getState().selectedTile).toBe(2);
    at(1000);
    handle(key('1'));
    at(1300);
    handle(key('2'));
    expect(store.getState().selectedTile).toBe(11);
    at(5000);
    handle(key('2'));
    expect(store.getState().selectedTile).toBe(1);
    handle(key('Enter'));
    expect(store.getState().enlarged).toBe(true);
    handle(key('Escape'));
    expect(store.getState()).toMatchObject({ enlarged: false, cctvOpen: true });
    handle(key('Escape'));
    expect(store.getState().cctvOpen).toBe(false);
  });

  it('a digit beyond the layout selects its last tile', () => {
    const { store, handle } = rig();
    handle(key('v'));
    handle(key('9'));
    expect(store.getState().selectedTile).toBe(3);
  });

  it('arrows move the PTZ camera while held and stop on release; P+digit is a preset; W+digit the wall', () => {
    vi.useFakeTimers();
    try {
      const { actions, handle } = rig();
      handle(key('v'));
      handle(key('ArrowLeft'));
      handle(key('ArrowLeft', { repeat: true }));
      handle(key('ArrowLeft', { type: 'keyup' }));
      expect(vi.mocked(actions.ptz).mock.calls).toEqual([
        ['left', true],
        ['left', false],
      ]);
      handle(key('+'));
      expect(actions.ptz).toHaveBeenLastCalledWith('in', true);
      handle(key('p'));
      handle(key('2'));
      expect(actions.preset).toHaveBeenCalledWith(2);
      handle(key('k'));
      handle(key('2'));
      expect(actions.layout).toHaveBeenCalledWith(2);
      handle(key(']'));
      handle(key('{'));
      expect(vi.mocked(actions.turn).mock.calls).toEqual([[5], [-15]]);
      handle(key('w'));
      handle(key('3'));
      expect(actions.sendToWall).toHaveBeenCalledWith(2);
      // "1" may begin 10–16: it is sent once no second digit follows.
      handle(key('w'));
      handle(key('1'));
      expect(actions.sendToWall).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(800);
      expect(actions.sendToWall).toHaveBeenLastCalledWith(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops a held PTZ movement when the window loses the keyboard; another direction replaces it', () => {
    const { actions, handle } = rig();
    handle(key('v'));
    handle(key('ArrowUp'));
    handle(key('ArrowRight'));
    handle.release();
    handle.release();
    handle(key('ArrowRight', { type: 'keyup' }));
    expect(vi.mocked(actions.ptz).mock.calls).toEqual([
      ['up', true],
      ['right', true],
      ['right', false],
    ]);
  });

  it('leaves keys alone while the operator types, and with modifiers', () => {
    const { store, handle } = rig();
    const input = document.createElement('input');
    expect(handle(key('v', { target: input }))).toBe(false);
    expect(handle(key('v', { ctrlKey: true }))).toBe(false);
    expect(store.getState().cctvOpen).toBe(false);
  });
});
