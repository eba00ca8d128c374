import type { UnitId } from '../../shared/domain/ids.js';
import type { RosterEntry } from '../../shared/domain/units.js';
import type { JournalEvent } from '../../shared/events.js';
import { DEFAULT_LIMITS, parseJsonObject, parseTimestamp, type RejectReason, type TelemetryLimits } from '../../shared/telemetry.js';
import { parseDecimal } from '../../shared/decimal.js';

/**
 * OwnTracks (owntracks.org) phones and trackers publish JSON to `owntracks/{user}/{device}`:
 * `_type: "location"` for fixes and `_type: "lwt"` when the broker loses the device. Field meanings
 * follow the booklet's tech/json page: `tst` epoch seconds, `vel` km/h, `cog` degrees, `batt` %.
 * Everything else OwnTracks sends (waypoints, transitions, cards, commands) is not ours to act on.
 */

export type OwnTracksVerdict =
  | { ok: true; kind: 'location'; unitId: UnitId; event: Extract<JournalEvent, { type: 'unit.location' }> }
  | { ok: true; kind: 'lwt'; unitId: UnitId; connectedAt: number }
  | { ok: true; kind: 'ignored'; type: string }
  | { ok: false; reason: RejectReason; detail: string };

/** Which roster unit reports as each OwnTracks `user/device`. */
export function ownTracksIndex(roster: Iterable<RosterEntry>): Map<string, UnitId> {
  const index = new Map<string, UnitId>();
  for (const e of roster) if (e.ownTracks) index.set(e.ownTracks.toLowerCase(), e.id);
  return index;
}


// Early iOS releases sent numbers as strings; the fields mean the same either way (in decimal: never "0x34").
function numberField(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' ? parseDecimal(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Bad('invalid_payload', `"${key}" must be a number`);
  return n;
}

class Bad extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

function within(key: string, v: number | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (v < min || v > max) throw new Bad('out_of_range', `"${key}" ${v} is outside ${min}..${max}`);
  return v;
}

/** One OwnTracks message → a unit's fix, a last-will notice, something to ignore, or a reason to drop it. */
export function decodeOwnTracks(
  /** `user/device`, from the topic `owntracks/{user}/{device}`. */
  device: string,
  payload: Uint8Array | string,
  devices: ReadonlyMap<string, UnitId>,
  now: number,
  limits: TelemetryLimits = DEFAULT_LIMITS,
): OwnTracksVerdict {
  const parsed = parseJsonObject(payload, limits);
  if (!parsed.ok) return parsed;
  const o = parsed.body;
  const type = o._type;
  if (typeof type !== 'string') return { ok: false, reason: 'invalid_payload', detail: '"_type" is missing' };
  if (type !== 'location' && type !== 'lwt') return { ok: true, kind: 'ignored', type: type.slice(0, 32) };

  const unitId = devices.get(device.toLowerCase());
  if (!unitId) return { ok: false, reason: 'unknown_unit', detail: `OwnTracks device "${device}" is not mapped to a unit on the roster` };
  try {
    const tst = numberField(o, 'tst');
    if (tst === undefined) throw new Bad('bad_timestamp', '"tst" (epoch seconds) is required');
    if (type === 'lwt') return { ok: true, kind: 'lwt', unitId, connectedAt: tst * 1000 };
    const ts = parseTimestamp(Math.round(tst * 1000), now, limits);
    const lat = within('lat', numberField(o, 'lat'), -90, 90);
    const lon = within('lon', numberField(o, 'lon'), -180, 180);
    if (lat === undefined || lon === undefined) throw new Bad('invalid_payload', '"lat" and "lon" are required');
    const acc = within('acc', numberField(o, 'acc'), 0, 100_000);
    const cog = within('cog', numberField(o, 'cog'), 0, 360);
    const vel = within('vel', numberField(o, 'vel'), 0, 540);
    const batt = within('batt', numberField(o, 'batt'), 0, 100);
    const fix = {
      ts,
      lat,
      lon,
      ...(acc !== undefined && { acc }),
      // OwnTracks leaves out cog and vel when they are zero, so absence is "not moving", not "unknown".
      ...(cog !== undefined && { hdg: cog % 360 }),
      ...(vel !== undefined && { spd: Math.round((vel / 3.6) * 100) / 100 }),
    };
    return { ok: true, kind: 'location', unitId, event: { type: 'unit.location', unitId, fix, ...(batt !== undefined && { bat: batt }) } };
  } catch (err) {
    const reason = (err as { reason?: RejectReason }).reason ?? 'invalid_payload';
    return { ok: false, reason, detail: (err as Error).message };
  }
}
