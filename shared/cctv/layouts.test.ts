import { describe, expect, it } from 'vitest';
import { checkLayout, placeCamera } from './layouts.js';

describe('wall and desk layouts', () => {
  it('grows the grid to hold a tile beyond it', () => {
    expect(placeCamera({ size: 4, tiles: [] }, 2, 'cam-a')).toEqual({ size: 4, tiles: [null, null, 'cam-a'] });
    expect(placeCamera({ size: 4, tiles: ['x'] }, 5, 'cam-b')).toEqual({ size: 9, tiles: ['x', null, null, null, null, 'cam-b'] });
    expect(placeCamera({ size: 9, tiles: ['x'] }, 0, null)).toEqual({ size: 9, tiles: [null] });
  });
  it('reads back a stored layout, replacing what is malformed', () => {
    expect(checkLayout({ size: 9, tiles: ['a', 3, null] })).toEqual({ size: 9, tiles: ['a', null, null] });
    expect(checkLayout('nonsense')).toEqual({ size: 4, tiles: [] });
    expect(checkLayout({ size: 5, tiles: [] }).size).toBe(4);
  });
});
