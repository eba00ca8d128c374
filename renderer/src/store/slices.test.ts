import { describe, expect, it } from 'vitest';
import type { FixRow, StreamMessage } from '../../../shared/contract.js';
import { health, incident, unit } from '../testing/fixtures.js';
import { mergeById } from './slices.js';
import { createConsoleStore } from './store.js';

const msg = (type: StreamMessage['type'], seq: number, parts: Partial<Pick<StreamMessage, 'units' | 'incidents' | 'alarms'>>, now = 1_000_000): StreamMessage => ({
  type,
  seq,
  units: parts.units ?? [],
  incidents: parts.incidents ?? [],
  alarms: parts.alarms ?? [],
  health: health(now),
});

const withFixes = (m: StreamMessage, fixes: FixRow[]): StreamMessage => ({ ...(m as Extract<StreamMessage, { type: 'changes' }>), fixes });

describe('console store', () => {
  it('replaces everything on a snapshot and merges changed entities on a batch', () => {
    const store = createConsoleStore();
    store.getState().applyStream(msg('snapshot', 10, { units: [unit('a'), unit('b')], incidents: [incident('i1')] }));
    expect(Object.keys(store.getState().units)).toEqual(['a', 'b']);

    store.getState().applyStream(msg('changes', 11, { units: [unit('b', { status: 'busy' }), unit('c')] }));
    const s = store.getState();
    expect(Object.keys(s.units).sort()).toEqual(['a', 'b', 'c']);
    expect(s.units.b!.status).toBe('busy');
    expect(Object.keys(s.incidents)).toEqual(['i1']);
    expect(s.seq).toBe(11);

    // A new snapshot (after a reconnect) drops what the host no longer has.
    store.getState().applyStream(msg('snapshot', 20, { units: [unit('a')] }));
    expect(Object.keys(store.getState().units)).toEqual(['a']);
    expect(store.getState().incidents).toEqual({});
  });

  it('keeps a unit called __proto__ or constructor as just another unit', () => {
    const store = createConsoleStore();
    // Before any such unit exists, looking one up finds nothing (not Object or its prototype).
    expect(store.getState().units['constructor']).toBeUndefined();
    store.getState().applyStream(withFixes(msg('changes', 1, {}), [['constructor', 5, 52.5, -0.2, null, null, null, null]]));
    expect(store.getState().units['constructor']).toBeUndefined();
    store.getState().applyStream(msg('snapshot', 2, { units: [unit('a')] }));
    store.getState().applyStream(msg('changes', 3, { units: [unit('__proto__'), unit('constructor'), unit('hasOwnProperty')], incidents: [incident('__proto__')] }));
    const s = store.getState();
    expect(Object.keys(s.units).sort()).toEqual(['__proto__', 'a', 'constructor', 'hasOwnProperty']);
    expect(s.units['__proto__']!.callsign).toBe(unit('__proto__').callsign);
    expect(s.units.a!.id).toBe('a');
    expect(Object.keys(s.incidents)).toEqual(['__proto__']);
    store.getState().applyStream(withFixes(msg('changes', 4, {}), [['constructor', 5, 52.5, -0.2, null, null, null, 50]]));
    expect(store.getState().units['constructor']).toMatchObject({ id: 'constructor', fix: { lat: 52.5 }, battery: 50 });
  });

  it('moves units from compact fix rows, keeping the rest of each unit and leaving others untouched', () => {
    const store = createConsoleStore();
    const b = unit('b', { status: 'busy' });
    store.getState().applyStream(msg('snapshot', 1, { units: [unit('a', { status: 'on_scene', battery: 80, fix: { ts: 1, lat: 1, lon: 1, hdg: 10 } }), b] }));
    store.getState().applyStream(
      withFixes(msg('changes', 2, { units: [unit('c')] }), [
        ['a', 2000, 52.57, -0.24, 8, null, 1.4, 79],
        ['ghost', 2000, 1, 2, null, null, null, null],
      ]),
    );
    const s = store.getState();
    expect(s.units.a).toMatchObject({ status: 'on_scene', battery: 79, fix: { ts: 2000, lat: 52.57, lon: -0.24, spd: 1.4, acc: 8 } });
    // A heading not reported this time is absent (no arrow), not carried over from the last fix.
    expect('hdg' in s.units.a!.fix!).toBe(false);
    expect(s.units.b).toBe(b);
    expect(Object.keys(s.units).sort()).toEqual(['a', 'b', 'c']);

    // Fixes alone (no whole units) still give a new units object, so the map and board see it.
    const before = store.getState().units;
    store.getState().applyStream(withFixes(msg('changes', 3, {}), [['b', 3000, 52.6, -0.2, null, 90, null, null]]));
    expect(store.getState().units).not.toBe(before);
    expect(before.b!.fix).toBeNull();
    expect(store.getState().units.b!.fix).toEqual({ ts: 3000, lat: 52.6, lon: -0.2, hdg: 90 });
  });

  it('ignores a batch older than the snapshot it already holds', () => {
    const store = createConsoleStore();
    store.getState().applyStream(msg('snapshot', 50, { units: [unit('a', { status: 'on_scene' })] }));
    store.getState().applyStream(msg('changes', 49, { units: [unit('a', { status: 'available' })] }));
    expect(store.getState().units.a!.status).toBe('on_scene');
  });

  it('keeps untouched slices identical so narrow selectors do not re-render', () => {
    const store = createConsoleStore();
    store.getState().applyStream(msg('snapshot', 1, { units: [unit('a')], incidents: [incident('i1')] }));
    const before = store.getState();
    store.getState().applyStream(msg('changes', 2, { units: [unit('a', { battery: 50 })] }));
    const after = store.getState();
    expect(after.units).not.toBe(before.units);
    expect(after.incidents).toBe(before.incidents);
    expect(after.alarms).toBe(before.alarms);
  });

  it('measures the host clock skew from health so ages count from host time', () => {
    const store = createConsoleStore();
    store.getState().applyStream(msg('snapshot', 1, {}, 5_000), 2_000);
    expect(store.getState().clockSkewMs).toBe(3_000);
    expect(store.getState().health?.broker.connected).toBe(true);
  });

  it('selecting a unit with fly asks the map to move there; without a fix it does not', () => {
    const store = createConsoleStore();
    store.getState().applyStream(msg('snapshot', 1, { units: [unit('a', { fix: { ts: 1, lat: 52.5, lon: -0.2 } }), unit('b')] }));
    store.getState().selectUnit('a', { fly: true });
    expect(store.getState().flyTo).toMatchObject({ lat: 52.5, lon: -0.2, n: 1 });
    store.getState().selectUnit('a', { fly: true });
    expect(store.getState().flyTo!.n).toBe(2);
    store.getState().selectUnit('b', { fly: true });
    expect(store.getState().selectedUnitId).toBe('b');
    expect(store.getState().flyTo!.n).toBe(2);
  });

  it('leaving a mode clears the draft location and picking', () => {
    const store = createConsoleStore();
    const s = store.getState();
    s.setMode('new-incident');
    s.setPickingLocation(true);
    s.setDraftLocation({ lat: 1, lon: 2 });
    store.getState().setMode('idle');
    expect(store.getState()).toMatchObject({ mode: 'idle', pickingLocation: false, draftLocation: null });
  });

  it('sorting the board by the same column twice reverses it', () => {
    const store = createConsoleStore();
    store.getState().sortBoardBy('status');
    expect(store.getState().boardSort).toEqual({ key: 'status', dir: 1 });
    store.getState().sortBoardBy('status');
    expect(store.getState().boardSort).toEqual({ key: 'status', dir: -1 });
    store.getState().sortBoardBy('sector');
    expect(store.getState().boardSort).toEqual({ key: 'sector', dir: 1 });
  });

  it('keeps an error up until dismissed; information that follows waits its turn', () => {
    const store = createConsoleStore();
    store.getState().notify('Acknowledgement refused: journal unavailable');
    store.getState().notify('PC7: arrest restored', 'info');
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Acknowledgement refused: journal unavailable' });
    store.getState().clearNotice();
    expect(store.getState().notice).toMatchObject({ kind: 'info', text: 'PC7: arrest restored' });
    store.getState().clearNotice();
    expect(store.getState().notice).toBeNull();
    // A newer error replaces an older one, and information replaces information.
    store.getState().notify('first');
    store.getState().notify('second');
    expect(store.getState().notice?.text).toBe('second');
    store.getState().clearNotice();
    store.getState().notify('one', 'info');
    store.getState().notify('two', 'info');
    expect(store.getState().notice?.text).toBe('two');
  });

  it('mergeById returns the same object when nothing changed', () => {
    const prev = { a: unit('a') };
    expect(mergeById(prev, [], false)).toBe(prev);
  });
});
