import { describe, expect, it } from 'vitest';
import { parseLatLon } from './parseLatLon.js';

describe('typed incident locations', () => {
  it('reads "lat, lon" with commas, spaces or semicolons', () => {
    expect(parseLatLon('52.5725, -0.2425')).toEqual({ ok: true, value: { lat: 52.5725, lon: -0.2425 } });
    expect(parseLatLon(' 52.5725 -0.2425 ')).toEqual({ ok: true, value: { lat: 52.5725, lon: -0.2425 } });
    expect(parseLatLon('52.5725;-0.2425')).toEqual({ ok: true, value: { lat: 52.5725, lon: -0.2425 } });
  });
  it('says what is wrong', () => {
    expect(parseLatLon('')).toMatchObject({ ok: false, error: expect.stringMatching(/lat, lon/) });
    expect(parseLatLon('abc, 1')).toMatchObject({ ok: false, error: expect.stringMatching(/numbers/) });
    expect(parseLatLon('52.57, 190')).toMatchObject({ ok: false, error: expect.stringMatching(/Longitude 190/) });
    expect(parseLatLon('95, -0.2')).toMatchObject({ ok: false, error: expect.stringMatching(/lon, lat/) });
    // Number() reads these; a dispatcher never means them.
    expect(parseLatLon('0x34, -0.2')).toMatchObject({ ok: false, error: expect.stringMatching(/numbers/) });
    expect(parseLatLon('52.5, 0b1')).toMatchObject({ ok: false, error: expect.stringMatching(/numbers/) });
    expect(parseLatLon('5.25e1, -0.2')).toMatchObject({ ok: false, error: expect.stringMatching(/numbers/) });
  });
});
