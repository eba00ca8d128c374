import { describe, expect, it } from 'vitest';
import { destination } from '../geo/geometry.js';
import type { Camera } from './registry.js';
import { angleBetween, camerasThatSee, coverageRing, inCone } from './visibility.js';

const HERE = { lat: 52.5727, lon: -0.2421 };
const cam = (id: string, from: number, metres: number, c: Partial<Camera>): Camera => ({
  id,
  name: id,
  ...destination(HERE, from, metres),
  ptz: false,
  bearing: 0,
  fov: 60,
  range: 150,
  ...c,
});

describe('angles', () => {
  it('wraps through north', () => {
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(10, 350)).toBe(20);
    expect(angleBetween(0, 180)).toBe(180);
  });
});

describe('cameras that see a place', () => {
  // A camera 100 m south of the place looks north (0°) at it.
  const facing = cam('facing', 180, 100, { bearing: 10 });
  const edge = cam('edge', 180, 60, { bearing: 29, fov: 60 });
  const away = cam('away', 180, 50, { bearing: 180 });
  const outOfRange = cam('far', 180, 200, { bearing: 0 });
  const ptzNear = cam('ptz-near', 90, 80, { ptz: true, range: 250, presets: [{ name: 'Market', bearing: 200 }, { name: 'Square', bearing: 280 }] });
  const ptzFar = cam('ptz-far', 0, 200, { ptz: true, range: 250 });
  const ptzOut = cam('ptz-out', 0, 300, { ptz: true, range: 250 });

  it('ranks fixed cameras in their cone first, then PTZ cameras in range, each nearest first', () => {
    const r = camerasThatSee([ptzFar, outOfRange, facing, away, ptzNear, edge, ptzOut], HERE);
    expect(r.map((s) => s.camera.id)).toEqual(['edge', 'facing', 'ptz-near', 'ptz-far']);
  });

  it('gives the reason for each, with the preset nearest the bearing', () => {
    const [edgeS, facingS, near, far] = camerasThatSee([facing, edge, ptzNear, ptzFar], HERE);
    expect(facingS!.reason).toBe('in view, 100 m away, 10° off the centre of the picture');
    expect(edgeS!.kind).toBe('in_view');
    // The place is west of ptz-near (bearing 270): "Square" at 280 is nearer than "Market" at 200.
    expect(near!.preset).toEqual({ name: 'Square', bearing: 280, offDeg: 10 });
    expect(near!.reason).toBe('PTZ in range, 80 m away: preset "Square" looks 10° off it');
    expect(far!.reason).toBe('PTZ in range, 200 m away: pan to 180°');
  });

  it('a cone is range and half the field of view either side of the bearing', () => {
    expect(inCone(cam('c', 180, 100, { bearing: 29, fov: 60 }), HERE)).toBe(true);
    expect(inCone(cam('c', 180, 100, { bearing: 31, fov: 60 }), HERE)).toBe(false);
    expect(inCone(cam('c', 180, 160, { bearing: 0, range: 150 }), HERE)).toBe(false);
  });
});

describe('coverage drawn on the map', () => {
  it('is a closed cone from the camera for a fixed camera, a circle for PTZ', () => {
    const fixed = coverageRing(cam('f', 0, 0, { bearing: 90, fov: 40, range: 100 }), 4);
    expect(fixed[0]).toEqual(fixed.at(-1));
    expect(fixed).toHaveLength(7);
    const ptz = coverageRing(cam('p', 0, 0, { ptz: true, range: 100 }), 8);
    expect(ptz).toHaveLength(9);
    expect(ptz[0]![0]).toBeCloseTo(ptz[8]![0], 9);
  });
});
