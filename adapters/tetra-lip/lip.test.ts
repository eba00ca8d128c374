import { describe, expect, it } from 'vitest';
import { latBits, lonBits, longReport, shortReport, velocityCode } from '../../test/fixtures/lip-encoder.js';
import { unitId } from '../../shared/domain/ids.js';
import { decodeLip, latFromBits, lonFromBits, timeOfPositionMs, velocityKmh } from './lip.js';
import { decodeRadioMessage } from './radio-gateway.js';

const LON_STEP = 360 / 2 ** 25;
const LAT_STEP = 180 / 2 ** 24;

function short(hex: string) {
  const v = decodeLip(hex);
  if (!v.ok) throw new Error(`${v.reason}: ${v.detail}`);
  return v.report;
}

describe('LIP short location report', () => {
  it('is 76 bits in 10 octets', () => {
    expect(shortReport({ lat: 52.5735, lon: -0.2405 })).toHaveLength(20);
  });

  it('decodes a hand-assembled frame bit for bit', () => {
    // PDU type 00, time elapsed 01, lon +1 step, lat −1 step, error 010, velocity 0000101,
    // direction 0100 (90°), additional data type 0, reason 00000010 (emergency).
    const bits = '00' + '01' + '0'.repeat(24) + '1' + '1'.repeat(24) + '010' + '0000101' + '0100' + '0' + '00000010' + '0000';
    const hex = bits.match(/.{8}/g)!.map((b) => parseInt(b, 2).toString(16).padStart(2, '0')).join('');
    const r = short(hex);
    expect(r.timeElapsed).toBe(1);
    expect(r.lon).toBeCloseTo(LON_STEP, 12);
    expect(r.lat).toBeCloseTo(-LAT_STEP, 12);
    expect(r.errorMetres).toBe(200);
    expect(r.speedKmh).toBe(5);
    expect(r.headingDeg).toBe(90);
    expect(r.reasonForSending).toBe(2);
    expect(r.emergency).toBe(true);
  });

  it('round-trips Peterborough to within one step', () => {
    const r = short(shortReport({ lat: 52.5735, lon: -0.2405, kmh: 12, direction: 3 }));
    expect(Math.abs(r.lat - 52.5735)).toBeLessThanOrEqual(LAT_STEP / 2);
    expect(Math.abs(r.lon + 0.2405)).toBeLessThanOrEqual(LON_STEP / 2);
    expect(r.speedKmh).toBe(12);
    expect(r.headingDeg).toBe(67.5);
    expect(r.emergency).toBe(false);
  });

  it.each([
    ['south-west corner', -90, -180],
    ['north-east corner', 90, 180],
    ['equator and meridian', 0, 0],
    ['just east of the antimeridian', 10, -179.99999],
    ['just west of the antimeridian', -10, 179.99999],
  ])('round-trips the extreme: %s', (_, lat, lon) => {
    const r = short(shortReport({ lat, lon }));
    // +90 has no code of its own (the largest is 90 − one step); +180 is the same meridian as −180.
    expect(Math.abs(r.lat - lat)).toBeLessThanOrEqual(LAT_STEP);
    const dLon = Math.abs(((r.lon - lon + 540) % 360) - 180);
    expect(dLon).toBeLessThanOrEqual(LON_STEP);
    expect(r.lat).toBeGreaterThanOrEqual(-90);
    expect(r.lat).toBeLessThan(90);
    expect(r.lon).toBeGreaterThanOrEqual(-180);
    expect(r.lon).toBeLessThan(180);
  });

  it('reads the two\'s complement limits exactly', () => {
    expect(lonFromBits(-(2 ** 24))).toBe(-180);
    expect(latFromBits(-(2 ** 23))).toBe(-90);
    expect(lonFromBits(2 ** 24 - 1)).toBeCloseTo(180 - LON_STEP, 12);
    expect(latFromBits(2 ** 23 - 1)).toBeCloseTo(90 - LAT_STEP, 12);
    expect(short(shortReport({ lat: -90, lon: -180 }))).toMatchObject({ lat: -90, lon: -180 });
    expect(lonBits(180)).toBe(-(2 ** 24));
    expect(latBits(90)).toBe(2 ** 23 - 1);
  });

  it('follows the velocity steps: linear to 28 km/h, then 16 × 1.038^(n − 13), 127 unknown', () => {
    expect(velocityKmh(0)).toBe(0);
    expect(velocityKmh(28)).toBe(28);
    expect(velocityKmh(29)).toBeCloseTo(16 * 1.038 ** 16, 9);
    expect(velocityKmh(29)!).toBeGreaterThan(28);
    expect(velocityKmh(126)).toBeCloseTo(16 * 1.038 ** 113, 6);
    expect(velocityKmh(127)).toBeNull();
    // Monotonic across the whole range, no step backwards at the switch from linear.
    for (let n = 1; n < 127; n++) expect(velocityKmh(n)!).toBeGreaterThan(velocityKmh(n - 1)!);
    for (const kmh of [0, 1, 27, 28, 29.05, 48, 112, 250, 1000]) {
      const r = short(shortReport({ lat: 52.57, lon: -0.24, kmh }));
      // Above 28 km/h each step is 3.8 %, so the round trip is within half a step.
      expect(Math.abs(r.speedKmh! - kmh)).toBeLessThanOrEqual(Math.max(0.5, kmh * 0.019 + 1e-9));
    }
    expect(short(shortReport({ lat: 52.57, lon: -0.24, kmh: null })).speedKmh).toBeNull();
    expect(velocityCode(5000)).toBe(126);
  });

  it('gives every direction of travel in 22.5° steps', () => {
    for (let d = 0; d < 16; d++) expect(short(shortReport({ lat: 52.57, lon: -0.24, kmh: 10, direction: d })).headingDeg).toBe(d * 22.5);
  });

  it('keeps user defined data apart from the reason for sending', () => {
    const r = short(shortReport({ lat: 52.57, lon: -0.24, userData: 2 }));
    expect(r.userData).toBe(2);
    expect(r.reasonForSending).toBeNull();
    expect(r.emergency).toBe(false);
  });
});

describe('LIP long location report', () => {
  it('decodes point, time of position, velocity with extended direction and reason', () => {
    const hex = longReport({
      lat: 52.5735,
      lon: -0.2405,
      time: { day: 24, hour: 21, minute: 58, second: 7 },
      kmh: 40,
      directionExtended: 64,
      reason: 2,
    });
    const v = decodeLip(hex);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.report.pdu).toBe('long');
    expect(v.report.lat).toBeCloseTo(52.5735, 5);
    expect(v.report.lon).toBeCloseTo(-0.2405, 5);
    expect(v.report.timeOfPosition).toEqual({ day: 24, hour: 21, minute: 58, second: 7 });
    expect(Math.abs(v.report.speedKmh! - 40)).toBeLessThanOrEqual(40 * 0.019);
    expect(v.report.headingDeg).toBe(90);
    expect(v.report.emergency).toBe(true);
  });

  it('reads a circle\'s uncertainty and a point with position error', () => {
    const circle = decodeLip(longReport({ lat: 1, lon: 2, shape: 2, uncertainty: 20, kmh: 0 }));
    expect(circle.ok && circle.report.errorMetres).toBe(Math.round(10 * (1.1 ** 20 - 1)));
    const point = decodeLip(longReport({ lat: -45, lon: 179.9, shape: 10, positionError: 0, time: { elapsed: 2 } }));
    expect(point.ok && point.report).toMatchObject({ errorMetres: 2, timeElapsed: 2 });
  });

  it('places a time of position on the latest matching day, never in the future', () => {
    const now = Date.UTC(2026, 10, 24, 22, 0, 0);
    expect(timeOfPositionMs({ day: 24, hour: 21, minute: 58, second: 7 }, now)).toBe(Date.UTC(2026, 10, 24, 21, 58, 7));
    expect(timeOfPositionMs({ day: 24, hour: 23, minute: 0, second: 0 }, now)).toBe(Date.UTC(2026, 9, 24, 23, 0, 0));
    // 31 November does not exist: the last 31st before now was in October.
    expect(timeOfPositionMs({ day: 31, hour: 12, minute: 0, second: 0 }, now)).toBe(Date.UTC(2026, 9, 31, 12, 0, 0));
  });
});

describe('LIP frames that must be refused', () => {
  const good = shortReport({ lat: 52.57, lon: -0.24 });
  it.each([
    ['empty', '', 'truncated_frame'],
    ['one octet', good.slice(0, 2), 'truncated_frame'],
    ['cut inside the latitude', good.slice(0, 8), 'truncated_frame'],
    ['cut inside the additional data', good.slice(0, 18), 'truncated_frame'],
    ['not hex', 'ZZ' + good.slice(2), 'corrupt_frame'],
    ['odd number of digits', good + '0', 'corrupt_frame'],
    ['far too long for a short report', good + '00112233', 'corrupt_frame'],
    ['reserved PDU type', '80' + good.slice(2), 'unsupported_frame'],
    ['location protocol PDU that is not a long report', '44' + good.slice(2), 'unsupported_frame'],
    ['long report cut short', longReport({ lat: 1, lon: 1, kmh: 10 }).slice(0, 10), 'truncated_frame'],
  ])('%s', (_, hex, reason) => {
    const v = decodeLip(hex);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toBe(reason);
  });

  it('refuses a reserved location shape and an impossible time of position', () => {
    // 01 0011 00 1111 … : long report, no time, shape 15.
    const reservedShape = decodeLip('4C' + 'F0'.padEnd(20, '0'));
    expect(reservedShape.ok || reservedShape.reason).toBe('corrupt_frame');
    const badTime = decodeLip(longReport({ lat: 1, lon: 1, time: { day: 0, hour: 25, minute: 0, second: 0 } }));
    expect(badTime.ok || badTime.reason).toBe('corrupt_frame');
  });
});

describe('radio gateway messages', () => {
  const radios = new Map([[2350007, unitId('pc08')]]);
  const now = Date.UTC(2026, 10, 24, 22, 0, 0);
  it('maps the ISSI to the roster and turns an emergency report into a location and an alarm', () => {
    const pdu = shortReport({ lat: 52.5735, lon: -0.2405, kmh: 18, direction: 4, reason: 2, positionError: 1 });
    const v = decodeRadioMessage(2350007, JSON.stringify({ issi: 2350007, pdu }), radios, now);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.unitId).toBe('pc08');
    expect(v.events[0]).toMatchObject({ type: 'unit.location', unitId: 'pc08', fix: { ts: now, acc: 20, hdg: 90, spd: 5 } });
    expect(v.events[1]).toMatchObject({ type: 'unit.emergency', active: true, source: 'radio', unitId: 'pc08' });
  });

  it('refuses unknown radios and mismatched ISSIs with a reason', () => {
    const pdu = shortReport({ lat: 52.57, lon: -0.24 });
    expect(decodeRadioMessage(999, JSON.stringify({ pdu }), radios, now)).toMatchObject({ ok: false, reason: 'unknown_unit' });
    expect(decodeRadioMessage(2350007, JSON.stringify({ issi: 1, pdu }), radios, now)).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(decodeRadioMessage(2350007, JSON.stringify({ pdu: pdu.slice(0, 6) }), radios, now)).toMatchObject({ ok: false, reason: 'truncated_frame' });
  });
});
