import { z } from 'zod';
import { CATEGORY_IDS, type CategoryId, type Priority } from '../domain/categories.js';
import type { IncidentSource, LatLon } from '../domain/incidents.js';
import { DEFAULT_LIMITS, parseJsonObject, parseTimestamp, type TelemetryLimits } from '../telemetry.js';

/**
 * A report from outside the control room (a partner system on MQTT, a member of the public through
 * Open311) on its way into the one incident queue.
 */
export interface IntakeReport {
  category: CategoryId;
  location: LatLon;
  description: string;
  address?: string;
  priority?: Priority;
  source: Exclude<IncidentSource, 'dispatcher'>;
  /** The partner system or API key holder, recorded as the incident's creator. */
  reportedBy: string;
  at: number;
}

/** `{prefix}/intake`: partner systems publish reports here. */
export const intakeTopic = (prefix: string) => `${prefix}/intake`;

export const INTAKE_REJECT_REASONS = ['too_large', 'bad_json', 'invalid_payload', 'unknown_category', 'bad_timestamp', 'journal_unavailable', 'rate_limited'] as const;
export type IntakeRejectReason = (typeof INTAKE_REJECT_REASONS)[number];

/**
 * The MQTT intake payload, documented in the README:
 * `{ "ts", "category", "lat", "lon", "description"?, "address"?, "priority"?, "partner"? }`.
 */
const IntakePayload = z.object({
  ts: z.unknown(),
  category: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  description: z.string().trim().max(2000).default(''),
  address: z.string().trim().max(200).optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  partner: z.string().trim().min(1).max(64).optional(),
});

export type IntakeVerdict = { ok: true; report: IntakeReport } | { ok: false; reason: IntakeRejectReason; detail: string };


/** Payload bytes → a report, or the counted reason it is dropped. Never throws. */
export function validateIntake(payload: Uint8Array, now: number, limits: TelemetryLimits = DEFAULT_LIMITS): IntakeVerdict {
  const parsed = parseJsonObject(payload, limits, false);
  if (!parsed.ok) return parsed;
  const r = IntakePayload.safeParse(parsed.body);
  if (!r.success) {
    const i = r.error.issues[0]!;
    return { ok: false, reason: 'invalid_payload', detail: `${i.path.join('.') || 'payload'}: ${i.message}` };
  }
  const p = r.data;
  if (!(CATEGORY_IDS as string[]).includes(p.category))
    return { ok: false, reason: 'unknown_category', detail: `"${p.category.slice(0, 40)}" is not a category` };
  let at: number;
  try {
    at = parseTimestamp(p.ts, now, limits);
  } catch (err) {
    return { ok: false, reason: 'bad_timestamp', detail: (err as Error).message };
  }
  return {
    ok: true,
    report: {
      category: p.category as CategoryId,
      location: { lat: p.lat, lon: p.lon },
      description: p.description,
      ...(p.address && { address: p.address }),
      ...(p.priority && { priority: p.priority }),
      source: 'mqtt',
      reportedBy: p.partner ?? 'mqtt-intake',
      at,
    },
  };
}
