import type { UnitId } from '../../shared/domain/ids.js';
import type { RosterEntry } from '../../shared/domain/units.js';
import type { JournalEvent } from '../../shared/events.js';
import { DEFAULT_LIMITS, parseJsonObject, parseTimestamp, type RejectReason, type TelemetryLimits } from '../../shared/telemetry.js';
import { decodeLip, type LipReport, timeOfPositionMs } from './lip.js';

/**
 * What a TETRA radio gateway publishes for each location SDS it receives:
 *
 *   topic   `{prefix}/radio/{issi}/lip`            (prefix defaults to `beacon/v1`)
 *   payload `{ "ts"?: ISO-8601 | epoch ms, "issi"?: number, "pdu": "<LIP PDU as hex>" }`
 *
 * `ts` is when the gateway received the SDS (the console's clock is used when absent); `issi`, if
 * given, must match the topic. `pdu` starts at the LIP PDU type, after the SDS protocol identifier.
 */
export const radioTopicFilter = (prefix: string) => `${prefix}/radio/+/lip`;

export type RadioVerdict =
  | { ok: true; unitId: UnitId; issi: number; report: LipReport; events: JournalEvent[] }
  | { ok: false; reason: RejectReason; detail: string };

export function issiIndex(roster: Iterable<RosterEntry>): Map<number, UnitId> {
  const index = new Map<number, UnitId>();
  for (const e of roster) if (e.issi !== undefined) index.set(e.issi, e.id);
  return index;
}


/** One radio gateway message, for the radio `issi` its topic names. */
export function decodeRadioMessage(
  issi: number,
  payload: Uint8Array | string,
  radios: ReadonlyMap<number, UnitId>,
  now: number,
  limits: TelemetryLimits = DEFAULT_LIMITS,
): RadioVerdict {
  const parsed = parseJsonObject(payload, limits);
  if (!parsed.ok) return parsed;
  const o = parsed.body;
  if (o.issi !== undefined && o.issi !== issi) return { ok: false, reason: 'invalid_payload', detail: `"issi" ${String(o.issi)} does not match the topic's ${issi}` };
  if (typeof o.pdu !== 'string') return { ok: false, reason: 'invalid_payload', detail: '"pdu" must be the LIP PDU as a hex string' };
  const unitId = radios.get(issi);
  if (!unitId) return { ok: false, reason: 'unknown_unit', detail: `radio ISSI ${issi} is not on the roster` };

  let received = now;
  if (o.ts !== undefined) {
    try {
      received = parseTimestamp(o.ts, now, limits);
    } catch (err) {
      return { ok: false, reason: (err as { reason?: RejectReason }).reason ?? 'bad_timestamp', detail: (err as Error).message };
    }
  }
  const decoded = decodeLip(o.pdu);
  if (!decoded.ok) return decoded;
  const report = decoded.report;
  const ts = (report.timeOfPosition && timeOfPositionMs(report.timeOfPosition, received)) ?? received;
  const moving = report.speedKmh !== null && report.speedKmh > 0;
  const fix = {
    ts,
    lat: report.lat,
    lon: report.lon,
    ...(report.errorMetres !== null && report.errorMetres <= 100_000 && { acc: report.errorMetres }),
    ...(moving && report.headingDeg !== null && { hdg: report.headingDeg }),
    ...(report.speedKmh !== null && { spd: Math.min(150, Math.round((report.speedKmh / 3.6) * 100) / 100) }),
  };
  const events: JournalEvent[] = [{ type: 'unit.location', unitId, fix }];
  if (report.emergency)
    events.push({ type: 'unit.emergency', unitId, ts, active: true, lat: report.lat, lon: report.lon, source: 'radio', by: `radio ISSI ${issi}` });
  return { ok: true, unitId, issi, report, events };
}
