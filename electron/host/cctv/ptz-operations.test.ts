import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../shared/cctv/registry.js';
import { panFor } from './ptz-operations.js';

describe('pointing a PTZ camera without presets', () => {
  const cam: Camera = { id: 'c', name: 'C', lat: 52, lon: 0, ptz: true, bearing: 90, fov: 60, range: 250 };
  it('pans from its home bearing: right is +, a half turn is the end of the range', () => {
    expect(panFor(cam, 90)).toBe(0);
    expect(panFor(cam, 180)).toBe(0.5);
    expect(panFor(cam, 0)).toBe(-0.5);
    expect(Math.abs(panFor(cam, 270))).toBe(1);
    expect(panFor(cam, 45)).toBe(-0.25);
  });
});
