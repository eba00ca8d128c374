import type { ConsoleSettings, OperationHandlers } from '../contract.js';
import { categoryOf, type CategoryId, type Priority } from '../domain/categories.js';
import { incidentId, unitId } from '../domain/ids.js';
import { activeAllocations, type Incident } from '../domain/incidents.js';
import { checkTransition, type IncidentAction, isOpen } from '../domain/lifecycle.js';
import { incidentLog } from '../domain/incident-log.js';
import { canBeSent, type Ineligibility } from '../dispatch/eligibility.js';
import { checkServiceArea, serviceAreaOf } from '../geo/service-area.js';
import type { Unit } from '../domain/units.js';
import { sectorAt, type SectorCollection } from '../geo/sectors.js';
import { pointInPolygon, type FeatureCollection } from '../geo/geometry.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from './console-service.js';
import type { HealthSource } from './health.js';
import type { DispatchDesk } from '../dispatch/dispatch-desk.js';
import { createDispatchHandlers } from '../dispatch/dispatch-handlers.js';
import type { Camera } from '../cctv/registry.js';
import { createCctvHandlers, type CctvDeps, memoryCredentials, registryOf } from '../cctv/cctv-operations.js';
import { createSafetyHandlers } from '../safety/safety-operations.js';
import { createMapImportHandlers, createPlaceHandlers, type MapImporter, NO_MAP_IMPORTER } from '../places/places-operations.js';
import { EMPTY_GAZETTEER, type Gazetteer } from '../places/gazetteer.js';
import { createMajorHandlers, type MajorDeps } from '../major/major-operations.js';
import type { ChainVerdict } from '../journal/chain.js';
import type { JournalBackupPort } from '../journal/integrity.js';
import { ACCESS_OPERATIONS, type AccessOperationName } from '../auth/access-operations.js';

export interface PspoZoneProperties {
  id: string;
  name: string;
}

type PtzOperationName = 'ptzMove' | 'ptzStop' | 'ptzGotoPreset' | 'ptzAbsoluteMove' | 'ptzPoint' | 'ptzStatus' | 'ptzPresets';

/** Where no PTZ control is wired in: each PTZ operation says so. */
const NO_PTZ: Pick<OperationHandlers, PtzOperationName> = Object.fromEntries(
  (['ptzMove', 'ptzStop', 'ptzGotoPreset', 'ptzAbsoluteMove', 'ptzPoint', 'ptzStatus', 'ptzPresets'] as const).map((name) => [
    name,
    async () => fail('PTZ control is not available on this console.', 'unavailable'),
  ]),
) as unknown as Pick<OperationHandlers, PtzOperationName>;

const NO_ACCESS = Object.fromEntries(
  ACCESS_OPERATIONS.map((name) => [
    name,
    async () => fail('Operators and sessions are kept by the console host.', 'unavailable'),
  ]),
) as unknown as Pick<OperationHandlers, AccessOperationName>;

export interface OperationDeps {
  service: ConsoleService;
  health: HealthSource;
  sectors: SectorCollection;
  pspoZones: FeatureCollection<PspoZoneProperties>;
  settings: ConsoleSettings;
  /** Tagging, ranking, assignments to devices and intake; absent in bare tests. */
  dispatch?: DispatchDesk;
  /** CCTV cameras for officer-safety alarms; none in bare tests. */
  cameras?: readonly Camera[];
  /** Camera credentials and stream states (the host: a 0600 file beside the journal; bare tests: in memory). */
  cctv?: Omit<CctvDeps, 'service' | 'bundled'>;
  /** PTZ through ONVIF, which needs the network: the host's (bare tests: none, and they say so). */
  ptz?: Pick<OperationHandlers, PtzOperationName>;
  /** The imported map's gazetteer, looked up on each search so a re-import is picked up. */
  gazetteer?: () => Gazetteer;
  /** Map imports started from the console's settings; a job that refuses everything in bare tests. */
  mapImport?: MapImporter;
  /** Major incidents' outside links: chain head, METHANE publishing, debrief keeping (bare tests: none). */
  major?: Omit<MajorDeps, 'service'>;
  /** Operators, sessions and the audit (the host's; bare tests: none, and they say so). */
  access?: Pick<OperationHandlers, AccessOperationName>;
  /** The journal's chain check and backups (bare tests: none). */
  integrity?: { verify(): Promise<ChainVerdict>; backups: JournalBackupPort };
}

/** Today's next reference, e.g. 20261124-0007: what a dispatcher reads out on the radio. */
function nextRef(service: ConsoleService, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
  let n = 0;
  for (const i of service.state.incidents.values()) if (i.ref.startsWith(day)) n = Math.max(n, Number(i.ref.slice(9)));
  return `${day}-${String(n + 1).padStart(4, '0')}`;
}

function buildIncident(
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

/**
 * The incident follows its officers: when an allocated officer's device reports en route or on
 * scene, the incident moves on too, journaled as a transition by that officer so the log says
 * who and when. Done after the status is applied (never inside the journal's apply step).
 */
function followOfficers(service: ConsoleService): void {
  service.onChange((e) => {
    if (e.type !== 'unit.status' || (e.status !== 'en_route' && e.status !== 'on_scene')) return;
    const status = e.status;
    queueMicrotask(() => {
      const u = service.unit(e.unitId);
      const i = u?.incidentId ? service.incident(u.incidentId) : undefined;
      if (!u || !i || !activeAllocations(i).some((a) => a.unitId === u.id)) return;
      const check = checkTransition(i.state, status);
      if (!check.ok) return;
      void service.commit({ type: 'incident.transition', incidentId: i.id, action: status, to: check.to, at: e.ts, by: u.callsign, note: `reported by ${u.callsign}'s device` });
    });
  });
}

/** Refusals about who the officer is (not what they are doing) are a matter of authority, not timing. */
const FORBIDDEN: readonly Ineligibility[] = ['not_deployable', 'police_only', 'power_withdrawn', 'missing_power'];

export function createOperationHandlers(deps: OperationDeps): OperationHandlers {
  deps.dispatch?.reports.useIncidentBuilder((input, source) => buildIncident(deps, input, source));
  const { service } = deps;
  const cctv = deps.cctv ?? { credentials: memoryCredentials() };
  const serviceArea = serviceAreaOf(deps.sectors);
  const openIncident = (id: string): Result<Incident> => {
    const i = service.incident(incidentId(id));
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    return ok(i);
  };
  /** Why this officer cannot be allocated to this incident now, as a failed result; null if they can. */
  const allocationRefusal = (i: Incident, u: Unit): Result<never> | null => {
    if (!isOpen(i.state)) return fail(`Incident ${i.ref} is ${i.state}; reopen it before allocating.`, 'conflict');
    const no = canBeSent(i, u);
    return no ? fail(no.detail, FORBIDDEN.includes(no.reason) ? 'forbidden' : 'conflict') : null;
  };
  const callsignOf = (id: string) => service.unit(unitId(id))?.callsign ?? id;
  followOfficers(service);
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
    ...(deps.ptz ?? NO_PTZ),
    ...(deps.access ?? NO_ACCESS),
    getSettings: async () => ok({ ...deps.settings }),
    createIncident: async (input) => {
      // Checked here, not only in the window: nothing a client sends is trusted.
      const where = checkServiceArea(serviceArea, input.location);
      if (!where.ok && !input.outsideServiceAreaConfirmed)
        return fail(`${where.reason} Check the location, or confirm it if it really is there.`, 'invalid');
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
        const refused = allocationRefusal(i, u);
        if (refused) return refused;
        return ok([{ type: 'allocation.created', incidentId: i.id, unitId: u.id, at: service.now(), by: operator }]);
      });
      if (!r.ok) return r;
      deps.dispatch?.assignments.allocated(incidentId(id), unitId(uid));
      return ok(service.incident(incidentId(id))!);
    },
    getIncidentLog: async ({ id }) => {
      const i = openIncident(id);
      if (!i.ok) return i;
      service.flush();
      return ok(incidentLog(service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { incidentId: i.value.id }), callsignOf));
    },
    addIncidentNote: async ({ id, text, operator }) => {
      const i = openIncident(id);
      if (!i.ok) return i;
      const r = await service.commit({ type: 'incident.note', incidentId: i.value.id, at: service.now(), by: operator, text });
      return r.ok ? ok(service.incident(i.value.id)!) : r;
    },
    amendIncident: async ({ id, priority, category, reason, operator }) => {
      const r = await service.decide(() => {
        const i = openIncident(id);
        if (!i.ok) return i;
        const inc = i.value;
        if (!isOpen(inc.state)) return fail(`Incident ${inc.ref} is ${inc.state}; reopen it before changing it.`, 'conflict');
        const newPriority = priority !== undefined && priority !== inc.priority ? (priority as Priority) : undefined;
        const newCategory = category !== undefined && category !== inc.category ? (category as CategoryId) : undefined;
        if (newPriority === undefined && newCategory === undefined) return fail(`${inc.ref} is already P${inc.priority} ${categoryOf(inc.category).label}.`, 'conflict');
        return ok([
          {
            type: 'incident.amended',
            incidentId: inc.id,
            at: service.now(),
            by: operator,
            reason,
            ...(newPriority !== undefined && { priority: newPriority }),
            ...(newCategory !== undefined && { category: newCategory }),
          },
        ]);
      });
      return r.ok ? ok(service.incident(incidentId(id))!) : r;
    },
    deallocateUnit: async ({ id, unitId: uid, reason, operator }) => {
      const r = await service.decide(() => {
        const i = openIncident(id);
        if (!i.ok) return i;
        const inc = i.value;
        if (!inc.allocations.some((a) => a.unitId === uid && !a.withdrawnAt)) return fail(`${callsignOf(uid)} is not allocated to ${inc.ref}.`, 'conflict');
        if (!isOpen(inc.state)) return fail(`Incident ${inc.ref} is ${inc.state}; its officers have already been released.`, 'conflict');
        return ok([{ type: 'allocation.withdrawn', incidentId: inc.id, unitId: unitId(uid), at: service.now(), by: operator, ...(reason && { reason }) }]);
      });
      return r.ok ? ok(service.incident(incidentId(id))!) : r;
    },
    reassignUnit: async ({ id, fromUnitId, unitId: uid, reason, operator }) => {
      // Both or neither, in one commit: the incident is never left with nobody, or with both officers.
      const r = await service.decide(() => {
        const i = openIncident(id);
        if (!i.ok) return i;
        const inc = i.value;
        if (!inc.allocations.some((a) => a.unitId === fromUnitId && !a.withdrawnAt)) return fail(`${callsignOf(fromUnitId)} is not allocated to ${inc.ref}.`, 'conflict');
        const u = service.unit(unitId(uid));
        if (!u) return fail(`No unit ${uid} on the roster.`, 'not_found');
        if (u.id === fromUnitId) return fail(`${u.callsign} is already the officer on ${inc.ref}.`, 'conflict');
        const refused = allocationRefusal(inc, u);
        if (refused) return refused;
        const at = service.now();
        return ok([
          { type: 'allocation.withdrawn', incidentId: inc.id, unitId: unitId(fromUnitId), at, by: operator, reason: reason ? `reassigned to ${u.callsign}: ${reason}` : `reassigned to ${u.callsign}` },
          { type: 'allocation.created', incidentId: inc.id, unitId: u.id, at, by: operator },
        ]);
      });
      if (!r.ok) return r;
      deps.dispatch?.assignments.allocated(incidentId(id), unitId(uid));
      return ok(service.incident(incidentId(id))!);
    },
    recordManualEntry: async ({ id, status, position, note, operator }) => {
      const u = service.unit(unitId(id));
      if (!u) return fail(`No unit ${id} on the roster.`, 'not_found');
      const r = await service.commit({
        type: 'unit.manual',
        unitId: u.id,
        at: service.now(),
        by: operator,
        ...(status && { status }),
        ...(position && { position }),
        ...(note && { note }),
      });
      return r.ok ? ok(service.unit(u.id)!) : r;
    },
    ...createDispatchHandlers(deps.dispatch),
    ...createPlaceHandlers(deps.gazetteer ?? (() => EMPTY_GAZETTEER)),
    verifyJournal: async () => {
      if (!deps.integrity) return fail('This console has no journal to verify.', 'unavailable');
      const t0 = performance.now();
      const v = await deps.integrity.verify();
      return ok({ ...v, at: Date.now(), ms: Math.round(performance.now() - t0) });
    },
    listBackups: async () => (deps.integrity ? ok(deps.integrity.backups.status()) : fail('This console has no journal to back up.', 'unavailable')),
    backupJournal: async () => {
      if (!deps.integrity) return fail('This console has no journal to back up.', 'unavailable');
      try {
        return ok(await deps.integrity.backups.backupNow());
      } catch (err) {
        return fail((err as Error).message, 'unavailable');
      }
    },
    ...createMajorHandlers({
      service,
      cameras: () => registryOf(service, deps.cameras ?? []),
      ...(deps.major ?? { chainHead: () => ({ seq: service.journal.committedSeq(), hash: null }), prefix: 'beacon/v1' }),
    }),
    ...createMapImportHandlers(deps.mapImport ?? NO_MAP_IMPORTER),
  };
}
