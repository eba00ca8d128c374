import type { JournalEvent, JournalRecord } from '../events.js';
import type { Role } from './roles.js';

/** Sensitive reads the audit keeps: an officer's movements, body-worn video, exports. */
export type AuditedRead = 'track' | 'replay' | 'bwv' | 'debrief' | 'audit' | 'audit_export' | 'snapshot';

/** Sign-in, sessions, operators and refusals, as journaled: the audit's own events. */
export type AccessEvent =
  | { type: 'operator.created'; username: string; roles: Role[]; at: number; by: string }
  | { type: 'session.started'; sessionId: string; at: number; by: string; roles: Role[]; desk: string }
  | { type: 'session.ended'; sessionId: string; at: number; by: string; operator: string; reason: 'signed_out' | 'ended' | 'switched' }
  /** A sign-in refused: the name tried (which may be no operator's) and how many in a row. */
  | { type: 'session.refused'; username: string; at: number; failures: number; desk: string }
  | { type: 'session.locked'; sessionId: string; at: number; by: string }
  | { type: 'session.unlocked'; sessionId: string; at: number; by: string }
  /** An act the caller's roles do not allow, refused. */
  | { type: 'access.refused'; operation: string; at: number; by: string }
  | { type: 'record.viewed'; what: AuditedRead; subject: string; at: number; by: string };


/**
 * Whether each event type is an operator's act the audit shows. A record, so a new event type
 * does not compile until someone decides.
 */
const AUDITED: Record<JournalEvent['type'], boolean> = {
  'unit.added': false,
  'unit.location': false,
  'unit.status': false,
  'unit.emergency': true,
  'unit.manual': true,
  'unit.bwv': false,
  'unit.accreditation': true,
  'incident.created': true,
  'incident.transition': true,
  'incident.report_linked': true,
  'incident.note': true,
  'incident.amended': true,
  'allocation.created': true,
  'allocation.withdrawn': true,
  'allocation.acknowledged': false,
  'allocation.escalated': false,
  'allocation.sent': false,
  'pspo.zones_loaded': true,
  'alarm.acknowledged': true,
  'alarm.stood_down': true,
  'major.declared': true,
  'major.methane': true,
  'major.decision': true,
  'major.review_acknowledged': true,
  'major.unit_committed': true,
  'major.unit_released': true,
  'major.stood_down': true,
  'major.scene': true,
  'camera.registry_imported': true,
  'camera.changed': true,
  'camera.removed': true,
  'camera.viewed': true,
  'camera.ptz': true,
  'wall.tile_set': true,
  'operator.created': true,
  'session.started': true,
  'session.ended': true,
  'session.refused': true,
  'session.locked': true,
  'session.unlocked': true,
  'access.refused': true,
  'record.viewed': true,
};
export const AUDITED_TYPES = (Object.keys(AUDITED) as JournalEvent['type'][]).filter((t) => AUDITED[t]);

const ACCESS_TYPES = new Set<string>(['operator.created', 'session.started', 'session.ended', 'session.refused', 'session.locked', 'session.unlocked', 'access.refused', 'record.viewed'] satisfies AccessEvent['type'][]);
/** The audit's own records, which change nothing in the console's picture. */
export const isAccessEvent = (e: JournalEvent): e is AccessEvent => ACCESS_TYPES.has(e.type);

/** One line of the audit: who did what, to what, when. */
export interface AuditEntry {
  seq: number;
  at: number;
  operator: string;
  /** The journal event's type, e.g. `allocation.created`. */
  action: string;
  /** A sentence for a reader who does not know the event types. */
  summary: string;
  incidentId: string | null;
  unitId: string | null;
  cameraId: string | null;
}

/** What the audit can be asked by: each given one narrows it; times are epoch ms. */
export interface AuditFilters {
  operator?: string;
  incident?: string;
  camera?: string;
  unit?: string;
  from?: number;
  to?: number;
}

export interface AuditQuery extends AuditFilters {
  limit: number;
}

type Attributed = { who: string; incidentId?: string | null; unitId?: string | null; cameraId?: string | null; summary: string };

/** What an event says about who did what, or null for events no operator did (telemetry, acknowledgements). */
function attribution(e: JournalEvent): Attributed | null {
  switch (e.type) {
    case 'incident.created':
      return { who: e.incident.createdBy, incidentId: e.incident.id, summary: `created incident ${e.incident.ref} (${e.incident.category}, P${e.incident.priority}) from ${e.incident.source}` };
    case 'incident.transition':
      return { who: e.by, incidentId: e.incidentId, summary: `${e.action} the incident${e.note ? `: ${e.note}` : ''}` };
    case 'incident.report_linked':
      return { who: e.by, incidentId: e.incidentId, summary: `linked a further report (${e.source})` };
    case 'incident.note':
      return { who: e.by, incidentId: e.incidentId, summary: `noted: ${e.text}` };
    case 'incident.amended':
      return { who: e.by, incidentId: e.incidentId, summary: `amended ${[e.priority && `priority to P${e.priority}`, e.category && `category to ${e.category}`].filter(Boolean).join(' and ')}: ${e.reason}` };
    case 'allocation.created':
      return { who: e.by, incidentId: e.incidentId, unitId: e.unitId, summary: `allocated ${e.unitId}` };
    case 'allocation.withdrawn':
      return { who: e.by, incidentId: e.incidentId, unitId: e.unitId, summary: `took ${e.unitId} off${e.reason ? `: ${e.reason}` : ''}` };
    case 'unit.manual':
      return { who: e.by, unitId: e.unitId, summary: `entered by hand for ${e.unitId}${e.status ? `: ${e.status}` : ''}${e.position ? ' with a position' : ''}` };
    case 'unit.accreditation':
      return { who: e.by, unitId: e.unitId, summary: `${e.withdrawn ? 'withdrew' : 'restored'} ${e.power} for ${e.unitId}${e.reason ? `: ${e.reason}` : ''}` };
    case 'unit.emergency':
      return e.source === 'dispatcher' ? { who: e.by, unitId: e.unitId, summary: `${e.active ? 'raised' : 'cleared'} the emergency of ${e.unitId}` } : null;
    case 'alarm.acknowledged':
      return { who: e.by, summary: `acknowledged alarm ${e.alarmId}` };
    case 'alarm.stood_down':
      return { who: e.by, summary: `stood down alarm ${e.alarmId}` };
    case 'pspo.zones_loaded':
      return { who: e.by, summary: `loaded ${e.zones.features.length} PSPO zones` };
    case 'camera.registry_imported':
      return { who: e.by, summary: `imported ${e.cameras.length} cameras (${e.rejected} rejected)` };
    case 'camera.changed':
      return { who: e.by, cameraId: e.camera.id, summary: `changed camera ${e.camera.id}` };
    case 'camera.removed':
      return { who: e.by, cameraId: e.cameraId, summary: `removed camera ${e.cameraId}` };
    case 'camera.viewed':
      return { who: e.by, cameraId: e.cameraId, summary: `${e.started ? 'started' : 'stopped'} watching camera ${e.cameraId} (${e.where})` };
    case 'camera.ptz':
      return { who: e.by, cameraId: e.cameraId, summary: `steered camera ${e.cameraId}: ${JSON.stringify(e.act)}` };
    case 'wall.tile_set':
      return { who: e.by, cameraId: e.cameraId, summary: e.cameraId ? `put camera ${e.cameraId} on wall tile ${e.tile}` : `cleared wall tile ${e.tile}` };
    case 'major.declared':
      return { who: e.by, incidentId: e.incidentId ?? e.majorId, summary: `declared major incident ${e.majorId}` };
    case 'major.methane':
      return { who: e.by, incidentId: e.majorId, summary: `updated METHANE to version ${e.version}` };
    case 'major.decision':
      return { who: e.decision.by, incidentId: e.majorId, summary: `logged decision ${e.decision.id}: ${e.decision.decision}` };
    case 'major.review_acknowledged':
      return { who: e.by, incidentId: e.majorId, summary: `acknowledged the review of ${e.decisionId}: it stands${e.note ? ` (${e.note})` : ''}` };
    case 'major.scene':
      return { who: e.by, incidentId: e.majorId, summary: 'drew the scene' };
    case 'major.stood_down':
      return { who: e.by, incidentId: e.majorId, summary: 'stood the major incident down' };
    case 'major.unit_committed':
    case 'major.unit_released':
      return { who: e.by, incidentId: e.majorId, unitId: e.unitId, summary: `${e.type === 'major.unit_committed' ? 'committed' : 'released'} ${e.unitId}` };
    case 'operator.created':
      return { who: e.by, summary: `created operator ${e.username} (${e.roles.join(', ')})` };
    case 'session.started':
      return { who: e.by, summary: `signed in at ${e.desk} as ${e.roles.join(', ')}` };
    case 'session.ended':
      return { who: e.by, summary: e.reason === 'ended' ? `ended ${e.operator}'s session` : e.reason === 'switched' ? 'handed the desk over' : 'signed out' };
    case 'session.refused':
      return { who: e.username, summary: `sign-in refused at ${e.desk} (${e.failures} in a row)` };
    case 'session.locked':
      return { who: e.by, summary: 'locked the desk' };
    case 'session.unlocked':
      return { who: e.by, summary: 'unlocked the desk' };
    case 'access.refused':
      return { who: e.by, summary: `was refused ${e.operation}` };
    case 'record.viewed':
      return {
        who: e.by,
        unitId: e.what === 'track' ? e.subject : null,
        incidentId: e.what === 'bwv' || e.what === 'debrief' ? e.subject : null,
        cameraId: e.what === 'snapshot' ? e.subject : null,
        summary: e.what === 'snapshot' ? `took a still from camera ${e.subject}` : `viewed ${e.what.replace('_', ' ')} ${e.subject}`,
      };
    default:
      return null;
  }
}

/** The journal's events read as the audit: attributed ones, matching the query, oldest first. */
export function auditEntries(records: Iterable<JournalRecord>, q: AuditQuery): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const r of records) {
    const a = attribution(r.event);
    if (!a) continue;
    const at = r.recordedAt;
    if (q.from !== undefined && at < q.from) continue;
    if (q.to !== undefined && at > q.to) continue;
    if (q.operator && a.who !== q.operator) continue;
    if (q.incident && a.incidentId !== q.incident) continue;
    if (q.camera && a.cameraId !== q.camera) continue;
    if (q.unit && a.unitId !== q.unit) continue;
    out.push({ seq: r.seq, at, operator: a.who, action: r.event.type, summary: a.summary, incidentId: a.incidentId ?? null, unitId: a.unitId ?? null, cameraId: a.cameraId ?? null });
    if (out.length >= q.limit) break;
  }
  return out;
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ makes a spreadsheet run the cell as a formula: quoted with a ' first.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The audit as CSV for a complaint or an inspection: one row per act, times in UTC. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [['seq', 'time_utc', 'operator', 'action', 'summary', 'incident', 'unit', 'camera'].join(',')];
  for (const e of entries) rows.push([e.seq, new Date(e.at).toISOString(), e.operator, e.action, e.summary, e.incidentId, e.unitId, e.cameraId].map(cell).join(','));
  return rows.join('\r\n') + '\r\n';
}
