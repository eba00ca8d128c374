import path from 'node:path';
import type { ConsoleSettings, OperationHandlers } from '../../shared/contract.js';
import { categoryOf, type CategoryId, type Priority } from '../../shared/domain/categories.js';
import { incidentId, unitId } from '../../shared/domain/ids.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { checkTransition, type IncidentAction, isOpen } from '../../shared/domain/lifecycle.js';
import { sectorAt, type SectorCollection } from '../../shared/geo/sectors.js';
import { pointInPolygon, type FeatureCollection } from '../../shared/geo/geometry.js';
import { fail, ok } from '../../shared/result.js';
import type { ConsoleService } from './console-service.js';
import type { HealthSource } from './health.js';
import type { DispatchDesk } from './dispatch/dispatch-desk.js';
import { createDispatchHandlers } from './dispatch/dispatch-handlers.js';
import type { Camera } from '../../shared/cctv/registry.js';
import { CameraCredentialStore } from './cctv/credentials.js';
import { createCctvHandlers, type CctvDeps, registryOf } from './cctv/cctv-operations.js';
import { createPtzHandlers } from './cctv/ptz-operations.js';
import { createSafetyHandlers } from './safety/safety-operations.js';
import { createPlaceHandlers } from './map/places-operations.js';
import { EMPTY_GAZETTEER, type Gazetteer } from '../../shared/places/gazetteer.js';

export interface PspoZoneProperties {
  id: string;
  name: string;
}

export interface OperationDeps {
  service: ConsoleService;
  health: HealthSource;
  sectors: SectorCollection;
  pspoZones: FeatureCollection<PspoZoneProperties>;
  settings: ConsoleSettings;
  /** Tagging, ranking, assignments to devices and intake (issue 5); absent in bare tests. */
  dispatch?: DispatchDesk;
  /** The bundled CCTV cameras, under any imported ones; none in bare tests. */
  cameras?: readonly Camera[];
  /** Camera credentials and stream states; by default the credentials sit beside the journal. */
  cctv?: Omit<CctvDeps, 'service' | 'bundled'>;
  /** The imported map's gazetteer, looked up on each search so a re-import is picked up. */
  gazetteer?: () => Gazetteer;
}

/** Today's next reference, e.g. 20261124-0007: what a dispatcher reads out on the radio. */
function nextRef(service: ConsoleService, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
  let n = 0;
  for (const i of service.state.incidents.values()) if (i.ref.startsWith(day)) n = Math.max(n, Number(i.ref.slice(9)));
  return `${day}-${String(n + 1).padStart(4, '0')}`;
}

export function buildIncident(
  deps: OperationDeps,
  input: { category: string; priority?: Priority; description: string; location: { lat: number; lon: number }; address?: string; operator: string },
  source: Incident['source'],
): Incident {
  const now = deps.service.now();
  const ref = nextRef(deps.service, now);
  const category = input.category as CategoryId;
  return {
    id: incidentId(`INC-${ref}`),
    ref,
    category,
    priority: input.priority ?? categoryOf(category).defaultPriority,
    description: input.description,
    location: input.location,
    ...(input.address && { address: input.address }),
    sector: sectorAt(deps.sectors, input.location),
    pspoZones: deps.pspoZones.features.filter((f) => pointInPolygon(input.location, f.geometry)).map((f) => f.properties.id),
    ...(deps.dispatch && deps.dispatch.tags(input.location, now)),
    state: 'received',
    source,
    createdAt: now,
    createdBy: input.operator,
    updatedAt: now,
    reports: 1,
    lastReportAt: now,
    allocations: [],
    history: [{ action: 'received', state: 'received', at: now, by: input.operator }],
  };
}

export function createOperationHandlers(deps: OperationDeps): OperationHandlers {
  deps.dispatch?.useIncidentBuilder((input, source) => buildIncident(deps, input, source));
  const { service } = deps;
  const cctv = deps.cctv ?? { credentials: new CameraCredentialStore(path.dirname(service.journal.path)) };
  return {
    getHealth: async () => ok(deps.health()),
    listUnits: async () => ok([...service.state.units.values()]),
    listIncidents: async () => ok([...service.state.incidents.values()].sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt)),
    getIncident: async ({ id }) => {
      const i = service.incident(incidentId(id));
      return i ? ok(i) : fail(`No incident ${id}.`, 'not_found');
    },
    listAlarms: async () => ok([...service.state.alarms.values()]),
    ...createSafetyHandlers({ service, cameras: () => registryOf(service, deps.cameras ?? []) }),
    ...createCctvHandlers({ service, bundled: deps.cameras ?? [], ...cctv }),
    ...createPtzHandlers({ service, credentials: cctv.credentials, camera: (id) => registryOf(service, deps.cameras ?? []).find((c) => c.id === id) }),
    getSettings: async () => ok({ ...deps.settings }),
    createIncident: async (input) => {
      const incident = buildIncident(deps, input as Parameters<typeof buildIncident>[1], 'dispatcher');
      const r = await service.commit({ type: 'incident.created', incident });
      return r.ok ? ok(service.incident(incident.id)!) : r;
    },
    transitionIncident: async ({ id, action, note, operator }) => {
      const r = await service.decide(() => {
        const i = service.incident(incidentId(id));
        if (!i) return fail(`No incident ${id}.`, 'not_found');
        const check = checkTransition(i.state, action as IncidentAction);
        if (!check.ok) return fail(check.error, 'conflict');
        return ok([
          {
            type: 'incident.transition',
            incidentId: i.id,
            action: action as IncidentAction,
            to: check.to,
            at: service.now(),
            by: operator,
            ...(note && { note }),
          },
        ]);
      });
      return r.ok ? ok(service.incident(incidentId(id))!) : r;
    },
    allocateUnit: async ({ id, unitId: uid, operator }) => {
      const r = await service.decide(() => {
        const i = service.incident(incidentId(id));
        if (!i) return fail(`No incident ${id}.`, 'not_found');
        const u = service.unit(unitId(uid));
        if (!u) return fail(`No unit ${uid} on the roster.`, 'not_found');
        if (!isOpen(i.state)) return fail(`Incident ${i.ref} is ${i.state}; reopen it before allocating.`, 'conflict');
        if (u.status === 'off_duty') return fail(`${u.callsign} is off duty.`, 'conflict');
        if (i.allocations.some((a) => a.unitId === u.id) && u.incidentId === i.id) return fail(`${u.callsign} is already allocated to ${i.ref}.`, 'conflict');
        const refusal = deps.dispatch?.refusal(i, u);
        if (refusal) return fail(refusal, 'forbidden');
        return ok([{ type: 'allocation.created', incidentId: i.id, unitId: u.id, at: service.now(), by: operator }]);
      });
      if (!r.ok) return r;
      deps.dispatch?.assignmentAllocated(incidentId(id), unitId(uid));
      return ok(service.incident(incidentId(id))!);
    },
    ...createDispatchHandlers(deps.dispatch),
    ...createPlaceHandlers(deps.gazetteer ?? (() => EMPTY_GAZETTEER)),
  };
}
