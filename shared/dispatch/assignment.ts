import type { CategoryId, Priority } from '../domain/categories.js';
import type { IncidentId, UnitId } from '../domain/ids.js';
import type { Allocation, Incident, LatLon } from '../domain/incidents.js';

/**
 * What an officer's device receives when allocated, on `{prefix}/units/{unitId}/assignment` at
 * QoS 1, and what it answers on `{prefix}/units/{unitId}/assignment/ack`: `{ "ts", "incidentId" }`.
 */
export interface AssignmentMessage {
  /**
   * The same for every copy of one allocation: a device that receives an assignment twice (sent
   * again after the console restarted before the broker confirmed it) keeps the first.
   */
  assignmentId: string;
  incidentId: IncidentId;
  ref: string;
  category: CategoryId;
  priority: Priority;
  location: LatLon;
  address?: string;
  description: string;
  /** Epoch ms the console allocated the officer (a copy sent again carries the same). */
  ts: number;
}

export const assignmentTopic = (prefix: string, unit: UnitId | string) => `${prefix}/units/${unit}/assignment`;
export const assignmentAckTopic = (prefix: string, unit: UnitId | string) => `${prefix}/units/${unit}/assignment/ack`;

export function assignmentFor(i: Incident, a: Allocation): AssignmentMessage {
  return {
    assignmentId: `${i.id}/${a.unitId}/${a.at}`,
    incidentId: i.id,
    ref: i.ref,
    category: i.category,
    priority: i.priority,
    location: i.location,
    ...(i.address && { address: i.address }),
    description: i.description,
    ts: a.at,
  };
}

export type AckVerdict = { ok: true; incidentId: IncidentId; ts: number | null } | { ok: false; detail: string };

/** The device's `{ ts, incidentId }`; `ts` is null when absent or unreadable (the console's clock is used). */
export function parseAck(payload: Uint8Array | string): AckVerdict {
  if (payload.length > 1024) return { ok: false, detail: `${payload.length} bytes is over the 1024-byte limit for an acknowledgement` };
  let o: unknown;
  try {
    o = JSON.parse(typeof payload === 'string' ? payload : new TextDecoder().decode(payload));
  } catch {
    return { ok: false, detail: 'not JSON' };
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { ok: false, detail: 'not a JSON object { "ts", "incidentId" }' };
  const { incidentId, ts: rawTs } = o as { incidentId?: unknown; ts?: unknown };
  if (typeof incidentId !== 'string' || incidentId.length === 0 || incidentId.length > 64) return { ok: false, detail: '"incidentId" must be an incident id (1–64 characters)' };
  const ts = typeof rawTs === 'number' ? rawTs : typeof rawTs === 'string' ? Date.parse(rawTs) : NaN;
  return { ok: true, incidentId: incidentId as IncidentId, ts: Number.isFinite(ts) ? ts : null };
}
