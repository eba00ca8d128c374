import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/domain/ids.js';
import { routeFeatures } from './RoutesLayer.js';

describe('route lines for allocated officers', () => {
  it('labels each line with the callsign and arrival time, and says when it is only the straight line', () => {
    const line: [number, number][] = [
      [-0.24, 52.57],
      [-0.241, 52.571],
    ];
    const fc = routeFeatures([
      { unitId: unitId('pc01'), callsign: 'PC01', mode: 'vehicle', basis: 'roads', metres: 700, etaS: 88, line },
      { unitId: unitId('cs01'), callsign: 'CS01', mode: 'foot', basis: 'straight line', metres: 400, etaS: 371, line },
    ]);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 'pc01', callsign: 'PC01', basis: 'roads', label: 'PC01 · 88 s' },
      { id: 'cs01', callsign: 'CS01', basis: 'straight line', label: 'CS01 · 6 min (straight line)' },
    ]);
    expect(fc.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: line });
  });
});
