import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../geo/geometry.js';
import { gridToLatLon, parseGridReference, parseLatLon } from './coordinates.js';
import { parsePlaceQuery } from './query.js';
import { editDistance, fold, isFullPostcode, postcodeKey } from './text.js';

// PE1 1HA's Code-Point centroid, beside Bridge Street, Peterborough.
const PE1_1HA = { lat: 52.5709, lon: -0.242 };

describe('grid references', () => {
  it.each(['TL 19240 98462', 'TL1924098462', 'tl 19240 98462', '519240,298462', '519240, 298462'])('%s is PE1 1HA within 2 m', (text) => {
    const p = parseGridReference(text)!;
    expect(p.kind).toBe('grid reference');
    expect(p.name).toBe('TL 19240 98462');
    expect(distanceMetres(p, gridToLatLon(519240, 298462))).toBeLessThan(2);
    expect(distanceMetres(p, PE1_1HA)).toBeLessThan(25);
  });

  it('a short reference names the centre of its square', () => {
    const p = parseGridReference('TL 19 98')!;
    expect(p.name).toBe('TL 19 98');
    expect(distanceMetres(p, gridToLatLon(519500, 298500))).toBeLessThan(2);
    expect(parseGridReference('TL 192 984')!.detail).toBe('100 m square');
  });

  it.each(['TL 192 9846', 'XX 19240 98462', 'Bridge Street', '12', 'TL'])('%s is not a grid reference', (text) => {
    expect(parseGridReference(text)).toBeNull();
  });
});

describe('latitude and longitude', () => {
  it.each([
    ['52.5709, -0.2420', 52.5709, -0.242],
    ['52.5709 -0.2420', 52.5709, -0.242],
    ['52.5709 N 0.2420 W', 52.5709, -0.242],
    ['52.5709N, 0.2420W', 52.5709, -0.242],
    ['N 52.5709 W 0.2420', 52.5709, -0.242],
    ['52°34′15″N 0°14′31″W', 52.570833, -0.241944],
    ["52°34'15\"N, 0°14'31\"W", 52.570833, -0.241944],
    ['52 34 15 N 0 14 31 W', 52.570833, -0.241944],
    ['52°34.25′N 0°14.52′W', 52.570833, -0.242],
  ])('%s', (text, lat, lon) => {
    const p = parseLatLon(text)!;
    expect(p.kind).toBe('coordinates');
    expect(p.lat).toBeCloseTo(lat, 5);
    expect(p.lon).toBeCloseTo(lon, 5);
  });

  it.each(['95.1, 0.2', '52, 0', 'Bridge Street', '12 Cowgate', 'PE1 1HA', '519240,298462'])('%s is not a coordinate pair', (text) => {
    expect(parseLatLon(text)).toBeNull();
  });
});

describe('queries', () => {
  it('reads postcodes in any spacing or case, and their beginnings', () => {
    expect(parsePlaceQuery('pe11ha').postcode).toBe('PE11HA');
    expect(parsePlaceQuery(' PE1  1HA ').postcode).toBe('PE11HA');
    expect(parsePlaceQuery('pe1 1').postcode).toBe('PE11');
    expect(parsePlaceQuery('Bridge Street').postcode).toBeNull();
    expect(isFullPostcode('pe1 1ha')).toBe(true);
    expect(postcodeKey('pe1 1ha')).toBe('PE11HA');
  });

  it('takes a house number off the street', () => {
    expect(parsePlaceQuery('12 Bridge Street')).toMatchObject({ houseNumber: '12', words: ['12', 'bridge', 'street'] });
    expect(parsePlaceQuery('12a, Cowgate').houseNumber).toBe('12a');
    expect(parsePlaceQuery('Bridge Street').houseNumber).toBeNull();
  });

  it('folds what a caller would not say', () => {
    expect(fold("St John's  Close")).toBe('st johns close');
    expect(fold('Café')).toBe('cafe');
  });

  it('counts typos, swaps included, and gives up past the limit', () => {
    expect(editDistance('bourgse', 'bourges', 2)).toBe(1);
    expect(editDistance('boulevrd', 'boulevard', 2)).toBe(1);
    expect(editDistance('cathedral', 'cowgate', 2)).toBe(3);
  });
});
