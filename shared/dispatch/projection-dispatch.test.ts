import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState, fromSnapshot, toSnapshot } from '../projection.js';
import type { PspoZoneCollection } from './pspo.js';
import { CATHEDRAL, incident } from '../../test/fixtures/dispatch.js';

const zones: PspoZoneCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'cando', name: "'Cando' area PSPO", rules: [{ behaviour: 'begging', from: '00:00', to: '24:00' }] },
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
    },
  ],
};

describe('dispatch events in the projection', () => {
  it('keeps loaded PSPO zones, through a snapshot too', () => {
    const s = emptyState();
    expect(s.pspoZones ?? null).toBeNull();
    applyEvent(s, 1, { type: 'pspo.zones_loaded', zones, at: 1, by: 'sgt' });
    expect(s.pspoZones).toEqual(zones);
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(s))));
    expect(back.pspoZones).toEqual(zones);
  });
  it('counts linked reports and remembers when the last one came', () => {
    const s = emptyState();
    const i = incident('1', 'graffiti', CATHEDRAL, { createdAt: 100 });
    applyEvent(s, 1, { type: 'incident.created', incident: i });
    applyEvent(s, 2, { type: 'incident.report_linked', incidentId: i.id, at: 500, by: 'open311:fms', source: 'open311' });
    applyEvent(s, 3, { type: 'incident.report_linked', incidentId: i.id, at: 300, by: 'op', source: 'dispatcher' });
    expect(s.incidents.get(i.id)).toMatchObject({ reports: 3, lastReportAt: 500 });
  });
});
