import { describe, expect, it } from 'vitest';
import { createConsoleStore } from '../store/store.js';
import { incident } from '../testing/fixtures.js';
import { handleShortcut } from './shortcuts.js';

const key = (k: string, over: Partial<KeyboardEvent> = {}) =>
  ({ key: k, target: null, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, ...over }) as KeyboardEvent;

describe('keyboard shortcuts', () => {
  it('N opens a new incident, Esc cancels it', () => {
    const store = createConsoleStore();
    expect(handleShortcut(key('n'), store)).toBe(true);
    expect(store.getState().mode).toBe('new-incident');
    expect(handleShortcut(key('Escape'), store)).toBe(true);
    expect(store.getState().mode).toBe('idle');
  });
  it('A allocates the selected incident, or the most urgent unallocated one', () => {
    const store = createConsoleStore();
    store.getState().upsertIncidents([
      incident('old-p3', { priority: 3, createdAt: 1 }),
      incident('new-p2', { priority: 2, createdAt: 5 }),
      incident('done', { priority: 1, state: 'closed' }),
    ]);
    handleShortcut(key('a'), store);
    expect(store.getState()).toMatchObject({ mode: 'allocate', selectedIncidentId: 'new-p2' });
    store.getState().setMode('idle');
    store.getState().selectIncident('old-p3');
    handleShortcut(key('A'), store);
    expect(store.getState()).toMatchObject({ mode: 'allocate', selectedIncidentId: 'old-p3' });
  });
  it('A with nothing open tells the dispatcher why instead of doing nothing', () => {
    const store = createConsoleStore();
    handleShortcut(key('a'), store);
    expect(store.getState().mode).toBe('idle');
    expect(store.getState().notice?.text).toMatch(/no open incident/);
  });
  it('M switches to the major-incident layout and back, but never under a form that has the keyboard', () => {
    const store = createConsoleStore();
    store.getState().setMode('new-incident');
    // A call being taken keeps its letters: the layout does not change under it.
    expect(handleShortcut(key('m'), store)).toBe(false);
    expect(store.getState()).toMatchObject({ layout: 'dispatch', mode: 'new-incident' });
    store.getState().setMode('idle');
    expect(handleShortcut(key('m'), store)).toBe(true);
    expect(store.getState()).toMatchObject({ layout: 'major', mode: 'idle' });
    expect(handleShortcut(key('M'), store)).toBe(true);
    expect(store.getState().layout).toBe('dispatch');
  });
  it('J opens the journal integrity panel and Esc closes it', () => {
    const store = createConsoleStore();
    expect(handleShortcut(key('j'), store)).toBe(true);
    expect(store.getState().integrityOpen).toBe(true);
    expect(handleShortcut(key('Escape'), store)).toBe(true);
    expect(store.getState().integrityOpen).toBe(false);
  });
  it('Alt+M starts picking a location only while taking a new incident', () => {
    const store = createConsoleStore();
    expect(handleShortcut(key('m', { altKey: true }), store)).toBe(false);
    store.getState().setMode('new-incident');
    expect(handleShortcut(key('m', { altKey: true }), store)).toBe(true);
    expect(store.getState().pickingLocation).toBe(true);
    handleShortcut(key('Escape'), store);
    expect(store.getState()).toMatchObject({ pickingLocation: false, mode: 'new-incident' });
  });
  it('T toggles the theme; modified keys are left to the browser', () => {
    const store = createConsoleStore();
    handleShortcut(key('t'), store);
    expect(store.getState().theme).toBe('light');
    expect(handleShortcut(key('n', { ctrlKey: true }), store)).toBe(false);
    expect(store.getState().mode).toBe('idle');
  });
});
