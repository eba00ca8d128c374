import type { AlarmSource } from './domain/alarms.js';
import type { CategoryId, Priority } from './domain/categories.js';
import type { AlarmId, IncidentId, UnitId } from './domain/ids.js';
import type { Incident, IncidentSource } from './domain/incidents.js';
import type { IncidentAction, IncidentState } from './domain/lifecycle.js';
import type { Power } from './domain/powers.js';
import type { Fix, RosterEntry, UnitStatus } from './domain/units.js';
import type { PspoZoneCollection } from './dispatch/pspo.js';
import type { MajorIncidentEvent } from './major/major-incident.js';
import type { Camera } from './cctv/registry.js';
import type { PtzAct } from './cctv/audit.js';
import { type AccessEvent, isAccessEvent } from './auth/audit.js';

/**
 * Everything that changes the console's state, as written to the journal. A closed union: the
 * projection handles every member, and the journal stores exactly these.
 */
export type JournalEvent =
  | { type: 'unit.added'; entry: RosterEntry }
  | { type: 'unit.location'; unitId: UnitId; fix: Fix; bat?: number }
  | { type: 'unit.status'; unitId: UnitId; ts: number; status: UnitStatus; incidentId?: IncidentId | null }
  | {
      type: 'unit.emergency';
      unitId: UnitId;
      ts: number;
      active: boolean;
      lat?: number;
      lon?: number;
      source: AlarmSource;
      by: string;
    }
  /**
   * A status or position entered by hand from radio traffic. Stamped with the time it was entered:
   * telemetry arriving later but older than that (a queue flushed when the broker is back) does
   * not overwrite it.
   */
  | { type: 'unit.manual'; unitId: UnitId; at: number; by: string; status?: UnitStatus; position?: { lat: number; lon: number }; note?: string }
  | { type: 'unit.bwv'; unitId: UnitId; ts: number; recording: boolean; incidentId: IncidentId | null }
  | { type: 'unit.accreditation'; unitId: UnitId; power: Power; withdrawn: boolean; at: number; by: string; reason?: string }
  | { type: 'incident.created'; incident: Incident }
  | {
      type: 'incident.transition';
      incidentId: IncidentId;
      action: IncidentAction;
      to: IncidentState;
      at: number;
      by: string;
      note?: string;
    }
  | { type: 'incident.report_linked'; incidentId: IncidentId; at: number; by: string; source: IncidentSource; description?: string }
  | { type: 'incident.note'; incidentId: IncidentId; at: number; by: string; text: string }
  | {
      /** Priority or category changed after the call was taken, always with a reason. */
      type: 'incident.amended';
      incidentId: IncidentId;
      at: number;
      by: string;
      reason: string;
      priority?: Priority;
      category?: CategoryId;
    }
  | { type: 'allocation.created'; incidentId: IncidentId; unitId: UnitId; at: number; by: string }
  | { type: 'allocation.withdrawn'; incidentId: IncidentId; unitId: UnitId; at: number; by: string; reason?: string }
  | { type: 'allocation.acknowledged'; incidentId: IncidentId; unitId: UnitId; at: number }
  | { type: 'allocation.escalated'; incidentId: IncidentId; unitId: UnitId; at: number }
  /** The broker acknowledged the assignment (QoS 1): it is no longer the console's to resend after a restart. */
  | { type: 'allocation.sent'; incidentId: IncidentId; unitId: UnitId; allocatedAt: number; at: number }
  | { type: 'pspo.zones_loaded'; zones: PspoZoneCollection; at: number; by: string }
  | { type: 'alarm.acknowledged'; alarmId: AlarmId; at: number; by: string }
  | { type: 'alarm.stood_down'; alarmId: AlarmId; at: number; by: string }
  /** Major incidents: declaration, METHANE versions, decisions, committed units, stand-down. */
  | MajorIncidentEvent
  /** Cameras added or changed from a registry file; credentials were split off before this. */
  | { type: 'camera.registry_imported'; cameras: Camera[]; at: number; by: string; rejected: number }
  /** A supervisor moved a camera or turned its cone: the camera as it now is. */
  | { type: 'camera.changed'; camera: Camera; at: number; by: string }
  /** Taken out of the registry (a camera imported again with the same id comes back). */
  | { type: 'camera.removed'; cameraId: string; at: number; by: string }
  /** Audit: an operator started or stopped watching a camera (Surveillance Camera Code of Practice). */
  | { type: 'camera.viewed'; cameraId: string; at: number; by: string; started: boolean; where: string }
  /** Audit: an operator turned, zoomed or sent a PTZ camera to a preset. */
  | { type: 'camera.ptz'; cameraId: string; at: number; by: string; act: PtzAct }
  /** The video wall's tile `tile` (1-based) now shows this camera, or nothing. */
  | { type: 'wall.tile_set'; tile: number; cameraId: string | null; at: number; by: string }
  /** Sign-in, sessions, operators, refusals and sensitive reads: the audit's own records. */
  | AccessEvent;


/** An event as read back from the journal. */
export interface JournalRecord {
  seq: number;
  /** Wall-clock time the host recorded it, epoch ms. */
  recordedAt: number;
  event: JournalEvent;
}

/** The unit and incident an event concerns, for the journal's indexed columns. */
export function eventSubject(e: JournalEvent): { unitId: UnitId | null; incidentId: IncidentId | null } {
  // A viewed track is indexed under its officer: "who looked at where PC01 went" is one seek.
  if (isAccessEvent(e)) return { unitId: e.type === 'record.viewed' && e.what === 'track' ? (e.subject as UnitId) : null, incidentId: null };
  switch (e.type) {
    case 'unit.added':
      return { unitId: e.entry.id, incidentId: null };
    case 'unit.location':
    case 'unit.status':
    case 'unit.emergency':
    case 'unit.accreditation':
    case 'unit.manual':
      return { unitId: e.unitId, incidentId: null };
    case 'unit.bwv':
      return { unitId: e.unitId, incidentId: e.incidentId };
    case 'incident.created':
      return { unitId: null, incidentId: e.incident.id };
    case 'incident.transition':
    case 'incident.report_linked':
    case 'incident.note':
    case 'incident.amended':
      return { unitId: null, incidentId: e.incidentId };
    case 'allocation.created':
    case 'allocation.withdrawn':
    case 'allocation.acknowledged':
    case 'allocation.escalated':
    case 'allocation.sent':
      return { unitId: e.unitId, incidentId: e.incidentId };
    case 'alarm.acknowledged':
    case 'alarm.stood_down':
    case 'pspo.zones_loaded':
    case 'camera.registry_imported':
    case 'camera.changed':
    case 'camera.removed':
    case 'camera.viewed':
    case 'camera.ptz':
    case 'wall.tile_set':
      return { unitId: null, incidentId: null };
    // A major incident's events are indexed under its id, so its timeline is one index seek.
    case 'major.declared':
    case 'major.methane':
    case 'major.decision':
    case 'major.review_acknowledged':
    case 'major.scene':
    case 'major.stood_down':
      return { unitId: null, incidentId: e.majorId as string as IncidentId };
    case 'major.unit_committed':
    case 'major.unit_released':
      return { unitId: e.unitId, incidentId: e.majorId as string as IncidentId };
  }
}
