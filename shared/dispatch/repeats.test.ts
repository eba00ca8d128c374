import { describe, expect, it } from 'vitest';
import { destination } from '../geo/geometry.js';
import { findRepeatCandidates, repeatLocationAt } from './repeats.js';
import { CATHEDRAL, incident } from '../../test/fixtures/dispatch.js';

const H = 3600_000;
const T = 10 * 24 * H;

describe('repeat reports', () => {
  const open = incident('0001', 'fly_tipping', CATHEDRAL, { createdAt: T, lastReportAt: T });
  it('offers an open incident of the same category within 100 m and 2 h for linking', () => {
    const r = findRepeatCandidates([open], { category: 'fly_tipping', location: destination(CATHEDRAL, 90, 60), at: T + H });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ ref: '0001', ageMin: 60 });
    expect(r[0]!.distanceM).toBeGreaterThanOrEqual(59);
    expect(r[0]!.distanceM).toBeLessThanOrEqual(61);
  });
  it('does not link another category, a place too far, a report too late, or a closed incident', () => {
    expect(findRepeatCandidates([open], { category: 'graffiti', location: CATHEDRAL, at: T })).toEqual([]);
    expect(findRepeatCandidates([open], { category: 'fly_tipping', location: destination(CATHEDRAL, 0, 120), at: T })).toEqual([]);
    expect(findRepeatCandidates([open], { category: 'fly_tipping', location: CATHEDRAL, at: T + 2 * H + 1 })).toEqual([]);
    expect(findRepeatCandidates([{ ...open, state: 'closed' }], { category: 'fly_tipping', location: CATHEDRAL, at: T })).toEqual([]);
  });
  it('measures the window from the latest linked report and honours configured limits', () => {
    const relinked = { ...open, lastReportAt: T + 3 * H };
    expect(findRepeatCandidates([relinked], { category: 'fly_tipping', location: CATHEDRAL, at: T + 4 * H })).toHaveLength(1);
    const wide = { linkRadiusM: 500, linkWindowMs: 24 * H, repeatRadiusM: 50, repeatDays: 28, repeatThreshold: 3 };
    expect(findRepeatCandidates([open], { category: 'fly_tipping', location: destination(CATHEDRAL, 0, 300), at: T + 20 * H }, wide)).toHaveLength(1);
  });
  it('lists the nearest first', () => {
    const near = incident('0002', 'fly_tipping', destination(CATHEDRAL, 0, 10), { createdAt: T });
    const r = findRepeatCandidates([open, near], { category: 'fly_tipping', location: destination(CATHEDRAL, 0, 15), at: T });
    expect(r.map((c) => c.ref)).toEqual(['0002', '0001']);
  });
});

describe('repeat locations', () => {
  it('flags a third incident within 50 m in 28 days, whatever the category', () => {
    const day = 24 * H;
    const past = [incident('a', 'graffiti', CATHEDRAL, { createdAt: T - 20 * day, state: 'closed' }), incident('b', 'begging', destination(CATHEDRAL, 45, 30), { createdAt: T - day })];
    expect(repeatLocationAt(past, CATHEDRAL, T)).toEqual({ incidents: 3, radiusM: 50, days: 28 });
    expect(repeatLocationAt(past.slice(1), CATHEDRAL, T)).toBeNull();
    const old = [incident('c', 'graffiti', CATHEDRAL, { createdAt: T - 29 * day }), past[1]!];
    expect(repeatLocationAt(old, CATHEDRAL, T)).toBeNull();
    expect(repeatLocationAt(past, destination(CATHEDRAL, 180, 80), T)).toBeNull();
  });
});
