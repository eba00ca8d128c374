import { describe, expect, it } from 'vitest';
import { assignmentTopic, parseAck } from './assignment.js';
import { validateIntake } from './intake.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const bytes = (o: unknown) => new TextEncoder().encode(typeof o === 'string' ? o : JSON.stringify(o));
const good = { ts: NOW - 1000, category: 'fly_tipping', lat: 52.57, lon: -0.24, description: 'Bags by the bins', partner: 'cross-keys' };

describe('MQTT intake payloads', () => {
  it('turns a partner report into an intake report', () => {
    expect(validateIntake(bytes(good), NOW)).toEqual({
      ok: true,
      report: { category: 'fly_tipping', location: { lat: 52.57, lon: -0.24 }, description: 'Bags by the bins', source: 'mqtt', reportedBy: 'cross-keys', at: NOW - 1000 },
    });
    const iso = validateIntake(bytes({ ...good, ts: '2026-11-24T11:59:00Z', partner: undefined }), NOW);
    expect(iso.ok && iso.report.reportedBy).toBe('mqtt-intake');
  });
  it.each([
    ['bad_json', 'nope'],
    ['invalid_payload', { ...good, lat: 'x' }],
    ['invalid_payload', { ...good, lat: 95 }],
    ['unknown_category', { ...good, category: 'pothole' }],
    ['bad_timestamp', { ...good, ts: 'yesterday' }],
    ['bad_timestamp', { ...good, ts: NOW + 3600_000 }],
    ['too_large', { ...good, description: 'x'.repeat(5000) }],
  ])('drops %s', (reason, payload) => {
    expect(validateIntake(bytes(payload), NOW)).toMatchObject({ ok: false, reason });
  });
});

describe('assignment topics', () => {
  it('tells assignments from acknowledgements and from telemetry', () => {
    expect(assignmentTopic('beacon/v1', 'pc01')).toBe('beacon/v1/units/pc01/assignment');
    expect(parseAck('{"ts":1,"incidentId":"INC-1"}')).toEqual({ ok: true, ts: 1, incidentId: 'INC-1' });
    expect(parseAck('{"ts":"soon","incidentId":"INC-1"}')).toEqual({ ok: true, ts: null, incidentId: 'INC-1' });
    expect(parseAck('{"ts":1}')).toEqual({ ok: false, detail: expect.stringMatching(/incidentId/) });
    expect(parseAck('{"ts":1,"incidentId":7}')).toEqual({ ok: false, detail: expect.stringMatching(/incidentId/) });
    expect(parseAck('["INC-1"]')).toEqual({ ok: false, detail: expect.stringMatching(/not a JSON object/) });
    expect(parseAck('null')).toEqual({ ok: false, detail: expect.stringMatching(/not a JSON object/) });
    expect(parseAck('garbage')).toEqual({ ok: false, detail: 'not JSON' });
    expect(parseAck(`{"incidentId":"INC-1","pad":"${'x'.repeat(1100)}"}`)).toEqual({ ok: false, detail: expect.stringMatching(/over the 1024-byte limit/) });
  });
});
