import { describe, expect, it } from 'vitest';
import { officer } from '../../test/fixtures/dispatch.js';
import { freshnessOf, STALE_AFTER_S } from './freshness.js';
import type { Unit } from './units.js';

const NOW = 10_000_000;

describe('how fresh a unit is', () => {
  it('is live within the stale age, stale past it, and never when nothing was ever heard', () => {
    const at = { lat: 52.57, lon: -0.24 };
    expect(freshnessOf({ ...officer('pc01', 'police', at), fix: { ts: NOW - STALE_AFTER_S * 1000, ...at } }, NOW)).toBe('live');
    expect(freshnessOf({ ...officer('pc01', 'police', at), fix: { ts: NOW - STALE_AFTER_S * 1000 - 1, ...at } }, NOW)).toBe('stale');
    // The console's --stale-after moves the line.
    expect(freshnessOf({ ...officer('pc01', 'police', at), fix: { ts: NOW - 300_000, ...at } }, NOW, 600)).toBe('live');
    // On the roster but silent: its "available" is the roster's default, not the officer's word.
    const silent = officer('eo01', 'council_enforcement', null);
    expect(silent.status).toBe('available');
    expect(freshnessOf(silent, NOW)).toBe('never');
    // A status from the device but no position: heard from, yet where they are is unknown.
    expect(freshnessOf({ ...silent, heardAt: NOW - 1000 }, NOW)).toBe('stale');
    // A dispatcher's doing (a status set by an allocation) is not word from the officer.
    const allocated: Unit = { ...silent, status: 'en_route', statusTs: NOW - 1000 };
    expect(freshnessOf(allocated, NOW)).toBe('never');
  });
});
