import type { Role } from '../../../shared/auth/roles.js';
import type { SessionInfo } from '../../../shared/auth/schemas.js';
import type { Health } from '../../../shared/contract.js';
import { DEFAULT_POWERS } from '../../../shared/domain/agencies.js';
import type { Alarm } from '../../../shared/domain/alarms.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import type { MajorIncidentId } from '../../../shared/major/major-incident.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { alarmId, sectorId, unitId } from '../../../shared/domain/ids.js';
import { type Unit, unitFromRoster } from '../../../shared/domain/units.js';
import { anIncident } from '../../../test/fixtures/incident.js';

// Builders for renderer tests only; never imported by the console itself.

export const health = (now = 1_000_000, over: Partial<Health> = {}): Health => ({
  status: 'ok',
  startedAt: 0,
  now,
  broker: { url: 'mqtt://x', connected: true, embedded: true, lastError: null, since: 0 },
  journal: { path: '/tmp/j', healthy: true, error: null, lastSeq: 1, schemaVersion: 1, pendingTelemetry: 0 },
  telemetry: { accepted: 0, rejected: {} as Health['telemetry']['rejected'], rejectedTotal: 0, lastRejected: [] },
  units: 0,
  openIncidents: 0,
  simulator: { running: false, units: 0 },
  ...over,
});

export const unit = (id: string, over: Partial<Unit> = {}): Unit => ({
  ...unitFromRoster({ id: unitId(id), callsign: id.toUpperCase(), agency: 'police', powers: [...DEFAULT_POWERS.police], sector: sectorId('central'), mode: 'foot' }),
  ...over,
});

export const incident = (id: string, over: Partial<Incident> = {}): Incident => anIncident(id, 'graffiti', { priority: 4, ...over });

/** An open device alarm raised by `unit` at `raisedAt`. */
export const alarm = (id: string, unit: string, raisedAt: number, over: Partial<Alarm> = {}): Alarm => ({
  id: alarmId(id),
  unitId: unitId(unit),
  source: 'device',
  raisedAt,
  raisedBy: unit,
  acknowledgedAt: null,
  acknowledgedBy: null,
  stoodDownAt: null,
  stoodDownBy: null,
  ...over,
});

/** A session as the host answers `getSession`. */
export const sessionInfo = (operator = 'supervisor', roles: Role[] = ['supervisor', 'dispatcher'], over: Partial<SessionInfo> = {}): SessionInfo => ({
  operator,
  roles,
  sessionId: `s-${operator}`,
  desk: 'browser 127.0.0.1',
  locked: false,
  startedAt: 1_000_000,
  lockAfterMin: 10,
  ...over,
});

/** A major incident as the host streams it: declared at 09:00 on 30 November 2026, nothing logged yet. */
export const majorIncident = (over: Partial<MajorIncidentView> = {}): MajorIncidentView => ({
  id: 'MI-20261130-01' as MajorIncidentId,
  incidentId: null,
  location: { lat: 52.5739, lon: -0.2406 },
  declaredAt: Date.parse('2026-11-30T09:00:00Z'),
  declaredBy: 'coord',
  methane: [],
  decisions: [],
  commitments: [],
  stoodDownAt: null,
  stoodDownBy: null,
  radio: [],
  changes: [],
  reviewsDue: [],
  ...over,
});
