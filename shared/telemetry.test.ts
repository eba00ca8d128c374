import { describe, expect, it } from 'vitest';
import { unitId } from './domain/ids.js';
import { DEFAULT_LIMITS, validateTelemetry } from './telemetry.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const u = unitId('pc01');
const v = (kind: Parameters<typeof validateTelemetry>[1], body: unknown) =>
  validateTelemetry(u, kind, typeof body === 'string' ? body : JSON.stringify(body), NOW);

describe('location payloads', () => {
  it('accepts ISO-8601 and epoch-ms timestamps', () => {
    const a = v('location', { ts: '2026-11-24T11:59:58Z', lat: 52.57, lon: -0.24, acc: 5, hdg: 90, spd: 1.4, bat: 80 });
    expect(a).toMatchObject({ ok: true, event: { type: 'unit.location', fix: { ts: NOW - 2000, lat: 52.57, lon: -0.24, acc: 5, hdg: 90, spd: 1.4 }, bat: 80 } });
    const b = v('location', { ts: NOW - 1000, lat: 52.57, lon: -0.24 });
    expect(b).toMatchObject({ ok: true, event: { fix: { ts: NOW - 1000 } } });
  });
  it.each([
    ['not json', '{lat:', 'bad_json'],
    ['an array', [1, 2], 'invalid_payload'],
    ['lat 91', { ts: NOW, lat: 91, lon: 0 }, 'out_of_range'],
    ['lon -181', { ts: NOW, lat: 0, lon: -181 }, 'out_of_range'],
    ['lat as a string', { ts: NOW, lat: '52.5', lon: 0 }, 'invalid_payload'],
    ['no lon', { ts: NOW, lat: 52 }, 'invalid_payload'],
    ['negative speed', { ts: NOW, lat: 52, lon: 0, spd: -1 }, 'out_of_range'],
    ['battery 101', { ts: NOW, lat: 52, lon: 0, bat: 101 }, 'out_of_range'],
    ['no ts', { lat: 52, lon: 0 }, 'bad_timestamp'],
    ['ts without a zone', { ts: '2026-11-24T12:00:00', lat: 52, lon: 0 }, 'bad_timestamp'],
    ['ts a day ahead', { ts: NOW + 86_400_000, lat: 52, lon: 0 }, 'future_timestamp'],
    ['ts in 1970', { ts: 0, lat: 52, lon: 0 }, 'bad_timestamp'],
    ['NaN-ish ts', { ts: '2026-13-45T99:00:00Z', lat: 52, lon: 0 }, 'bad_timestamp'],
  ])('drops %s', (_name, body, reason) => {
    const r = v('location', body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
  it('drops a 1 MB payload before parsing it', () => {
    const big = JSON.stringify({ ts: NOW, lat: 52, lon: 0, pad: 'x'.repeat(1024 * 1024) });
    const r = validateTelemetry(u, 'location', new TextEncoder().encode(big), NOW);
    expect(r).toMatchObject({ ok: false, reason: 'too_large' });
    expect(DEFAULT_LIMITS.maxPayloadBytes).toBeLessThan(big.length);
  });
});

describe('status, emergency and body-worn video', () => {
  it('accepts the contract', () => {
    expect(v('status', { ts: NOW, status: 'on_scene', incidentId: 'INC-1' })).toMatchObject({
      ok: true,
      event: { type: 'unit.status', status: 'on_scene', incidentId: 'INC-1' },
    });
    expect(v('emergency', { ts: NOW, active: true, lat: 52.5, lon: -0.2 })).toMatchObject({
      ok: true,
      event: { type: 'unit.emergency', active: true, lat: 52.5, lon: -0.2, source: 'device' },
    });
    expect(v('bwv', { ts: NOW, recording: true })).toMatchObject({ ok: true, event: { type: 'unit.bwv', recording: true } });
  });
  it('refuses unknown statuses and half positions', () => {
    expect(v('status', { ts: NOW, status: 'lunch' })).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(v('emergency', { ts: NOW, active: 'yes' })).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(v('emergency', { ts: NOW, active: true, lat: 52 })).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(v('bwv', { ts: NOW })).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });
});
