import { describe, expect, it } from 'vitest';
import { checkTransition } from './lifecycle.js';

describe('incident lifecycle', () => {
  it('follows received → triaged → allocated → en route → on scene → resolved → closed', () => {
    const path = ['triaged', 'allocated', 'en_route', 'on_scene', 'resolved', 'closed'] as const;
    let state: Parameters<typeof checkTransition>[0] = 'received';
    for (const next of path) {
      const r = checkTransition(state, next);
      expect(r).toEqual({ ok: true, to: next });
      state = next;
    }
  });
  it('reopens closed and cancelled incidents to triaged', () => {
    expect(checkTransition('closed', 'reopened')).toEqual({ ok: true, to: 'triaged' });
    expect(checkTransition('cancelled', 'reopened')).toEqual({ ok: true, to: 'triaged' });
  });
  it('refuses skipping to closed or reopening an open incident, saying what is allowed', () => {
    const r = checkTransition('received', 'closed');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cannot be closed; allowed next: triaged, allocated, cancelled/);
    expect(checkTransition('on_scene', 'reopened').ok).toBe(false);
    expect(checkTransition('closed', 'on_scene').ok).toBe(false);
  });
});
