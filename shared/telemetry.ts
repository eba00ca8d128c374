import type { IncidentId, UnitId } from './domain/ids.js';
import { type UnitStatus, UNIT_STATUSES } from './domain/units.js';
import type { JournalEvent } from './events.js';

/**
 * The telemetry contract, v1. Gateways publish under `{prefix}/units/{unitId}/{kind}`; the default
 * prefix is `beacon/v1`. Every payload is checked here, at the edge, before it can change state.
 */
export const DEFAULT_TELEMETRY_PREFIX = 'beacon/v1';
export const TELEMETRY_KINDS = ['location', 'status', 'emergency', 'bwv'] as const;
export type TelemetryKind = (typeof TELEMETRY_KINDS)[number];

export const REJECT_REASONS = [
  'bad_topic',
  'too_large',
  'bad_json',
  'invalid_payload',
  'out_of_range',
  'bad_timestamp',
  'future_timestamp',
  'unknown_unit',
  'out_of_order',
  'journal_unavailable',
  'rate_limited',
  // Radio (TETRA LIP) frames forwarded by a gateway: cut short, self-contradictory, or a PDU we do not read.
  'truncated_frame',
  'corrupt_frame',
  'unsupported_frame',
  // A device's answer to an assignment that cannot be read: the dispatcher would wait for nothing.
  'bad_ack',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface TelemetryLimits {
  maxPayloadBytes: number;
  /** A device clock this far ahead of ours is wrong, not early. */
  maxFutureMs: number;
  /** Older than this is a replayed or broken device, not a late fix. */
  maxAgeMs: number;
}

export const DEFAULT_LIMITS: TelemetryLimits = {
  maxPayloadBytes: 4096,
  maxFutureMs: 2 * 60_000,
  maxAgeMs: 7 * 24 * 3600_000,
};

export type TelemetryVerdict =
  | { ok: true; event: JournalEvent; kind: TelemetryKind; unitId: UnitId }
  | { ok: false; reason: RejectReason; detail: string; unitId?: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const reject = (reason: RejectReason, detail: string, unitId?: string): TelemetryVerdict => ({
  ok: false,
  reason,
  detail,
  unitId,
});

class Invalid extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

function num(o: Record<string, unknown>, key: string, min: number, max: number, optional: boolean): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new Invalid('invalid_payload', `"${key}" is required`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid('invalid_payload', `"${key}" must be a number`);
  if (v < min || v > max) throw new Invalid('out_of_range', `"${key}" ${v} is outside ${min}..${max}`);
  return v;
}

function bool(o: Record<string, unknown>, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new Invalid('invalid_payload', `"${key}" must be true or false`);
  return v;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `ts` is ISO-8601 with a zone, or epoch milliseconds. */
export function parseTimestamp(v: unknown, now: number, limits: TelemetryLimits): number {
  let ms: number;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v;
  else if (typeof v === 'string' && ISO.test(v)) ms = Date.parse(v);
  else throw new Invalid('bad_timestamp', '"ts" must be ISO-8601 with a time zone or epoch milliseconds');
  if (!Number.isFinite(ms)) throw new Invalid('bad_timestamp', `"ts" ${String(v)} is not a real time`);
  if (ms > now + limits.maxFutureMs) throw new Invalid('future_timestamp', `"ts" is ${Math.round((ms - now) / 1000)} s in the future`);
  if (ms < now - limits.maxAgeMs) throw new Invalid('bad_timestamp', `"ts" is older than ${Math.round(limits.maxAgeMs / 3600_000)} h`);
  return ms;
}

export type JsonObjectVerdict =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; reason: 'too_large' | 'bad_json' | 'invalid_payload'; detail: string };

/**
 * The first gate every gateway's payload passes: size before parsing (a 1 MB message is never
 * parsed), then JSON, then a JSON object. Never throws.
 */
export function parseJsonObject(payload: Uint8Array | string, limits: TelemetryLimits = DEFAULT_LIMITS, object = true): JsonObjectVerdict {
  const size = typeof payload === 'string' ? encoder.encode(payload).byteLength : payload.byteLength;
  if (size > limits.maxPayloadBytes) return { ok: false, reason: 'too_large', detail: `${size} bytes is over the ${limits.maxPayloadBytes}-byte limit` };
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : decoder.decode(payload));
  } catch {
    return { ok: false, reason: 'bad_json', detail: 'payload is not JSON' };
  }
  if (object && (typeof body !== 'object' || body === null || Array.isArray(body)))
    return { ok: false, reason: 'invalid_payload', detail: 'payload must be a JSON object' };
  return { ok: true, body: body as Record<string, unknown> };
}

/** Payload bytes → a journal event, or the reason it is dropped. Never throws. */
export function validateTelemetry(
  unitId: UnitId,
  kind: TelemetryKind,
  payload: Uint8Array | string,
  now: number,
  limits: TelemetryLimits = DEFAULT_LIMITS,
  currentIncident: IncidentId | null = null,
): TelemetryVerdict {
  const parsed = parseJsonObject(payload, limits);
  if (!parsed.ok) return reject(parsed.reason, parsed.detail, unitId);
  const o = parsed.body;
  try {
    const ts = parseTimestamp(o.ts, now, limits);
    let event: JournalEvent;
    switch (kind) {
      case 'location': {
        const lat = num(o, 'lat', -90, 90, false)!;
        const lon = num(o, 'lon', -180, 180, false)!;
        const acc = num(o, 'acc', 0, 100_000, true);
        const hdg = num(o, 'hdg', 0, 360, true);
        const spd = num(o, 'spd', 0, 150, true);
        const bat = num(o, 'bat', 0, 100, true);
        const fix = { ts, lat, lon, ...(acc !== undefined && { acc }), ...(hdg !== undefined && { hdg }), ...(spd !== undefined && { spd }) };
        event = { type: 'unit.location', unitId, fix, ...(bat !== undefined && { bat }) };
        break;
      }
      case 'status': {
        if (!(UNIT_STATUSES as readonly unknown[]).includes(o.status))
          throw new Invalid('invalid_payload', `"status" must be one of ${UNIT_STATUSES.join(', ')}`);
        const inc = o.incidentId;
        if (inc !== undefined && (typeof inc !== 'string' || inc.length > 64))
          throw new Invalid('invalid_payload', '"incidentId" must be a string');
        event = {
          type: 'unit.status',
          unitId,
          ts,
          status: o.status as UnitStatus,
          ...(inc !== undefined && { incidentId: inc as IncidentId }),
        };
        break;
      }
      case 'emergency': {
        const active = bool(o, 'active');
        const lat = num(o, 'lat', -90, 90, true);
        const lon = num(o, 'lon', -180, 180, true);
        if ((lat === undefined) !== (lon === undefined)) throw new Invalid('invalid_payload', '"lat" and "lon" come together');
        event = {
          type: 'unit.emergency',
          unitId,
          ts,
          active,
          ...(lat !== undefined && { lat, lon }),
          source: 'device',
          by: unitId,
        };
        break;
      }
      case 'bwv': {
        event = { type: 'unit.bwv', unitId, ts, recording: bool(o, 'recording'), incidentId: currentIncident };
        break;
      }
    }
    return { ok: true, event, kind, unitId };
  } catch (err) {
    if (err instanceof Invalid) return reject(err.reason, err.message, unitId);
    return reject('invalid_payload', String(err), unitId);
  }
}

/** Telemetry timestamp of an accepted event, used to refuse out-of-order updates. */
export function telemetryTs(e: JournalEvent): number | null {
  switch (e.type) {
    case 'unit.location':
      return e.fix.ts;
    case 'unit.status':
    case 'unit.emergency':
    case 'unit.bwv':
      return e.ts;
    default:
      return null;
  }
}
