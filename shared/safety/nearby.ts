import type { Alarm } from '../domain/alarms.js';
import type { Agency } from '../domain/agencies.js';
import type { UnitId } from '../domain/ids.js';
import type { Unit } from '../domain/units.js';
import { mayGoToHelp } from '../dispatch/eligibility.js';
import { HELP_NEARBY_MAX_FIX_AGE_S } from '../domain/freshness.js';
import { distanceMetres } from '../geo/geometry.js';
import type { Camera } from './cameras.js';

interface NearbyUnit {
  unitId: UnitId;
  callsign: string;
  agency: Agency;
  status: Unit['status'];
  distanceM: number;
  /** Seconds since the fix the distance is measured from, at `now`. */
  fixAgeS: number;
}

interface NearbyCamera {
  camera: Camera;
  distanceM: number;
}

export interface AlarmSurroundings {
  alarmId: Alarm['id'];
  /** Where the officer is believed to be: the alarm's position, else the unit's last fix. */
  position: { lat: number; lon: number; ts: number; source: 'alarm' | 'last_fix' } | null;
  units: NearbyUnit[];
  cameras: NearbyCamera[];
}

/** The officer's best known position for an alarm, and how old it is. */
export function alarmPosition(alarm: Alarm, unit: Unit | undefined): AlarmSurroundings['position'] {
  // A newer fix than the alarm's own position is where the officer is now.
  if (unit?.fix && (alarm.lat === undefined || unit.fix.ts > alarm.raisedAt))
    return { lat: unit.fix.lat, lon: unit.fix.lon, ts: unit.fix.ts, source: 'last_fix' };
  if (alarm.lat !== undefined && alarm.lon !== undefined) return { lat: alarm.lat, lon: alarm.lon, ts: alarm.raisedAt, source: 'alarm' };
  return null;
}

/**
 * Who can get to an officer in trouble first, and which cameras can see them: nearest officers who
 * may go to help (never one in an emergency of their own) with a fix no older than `maxFixAgeS`,
 * nearest cameras within `cameraRadiusM`.
 */
export function alarmSurroundings(
  alarm: Alarm,
  units: Iterable<Unit>,
  cameras: readonly Camera[],
  now: number,
  opts: { units?: number; cameras?: number; maxFixAgeS?: number; cameraRadiusM?: number } = {},
): AlarmSurroundings {
  const list = [...units];
  const position = alarmPosition(alarm, list.find((u) => u.id === alarm.unitId));
  if (!position) return { alarmId: alarm.id, position: null, units: [], cameras: [] };
  const maxAge = opts.maxFixAgeS ?? HELP_NEARBY_MAX_FIX_AGE_S;
  const near: NearbyUnit[] = [];
  for (const u of list) {
    if (u.id === alarm.unitId || !u.fix || !mayGoToHelp(u)) continue;
    const fixAgeS = Math.max(0, Math.round((now - u.fix.ts) / 1000));
    if (fixAgeS > maxAge) continue;
    near.push({ unitId: u.id, callsign: u.callsign, agency: u.agency, status: u.status, distanceM: Math.round(distanceMetres(position, u.fix)), fixAgeS });
  }
  near.sort((a, b) => a.distanceM - b.distanceM);
  const radius = opts.cameraRadiusM ?? 1500;
  const cams = cameras
    .map((camera) => ({ camera, distanceM: Math.round(distanceMetres(position, camera)) }))
    .filter((c) => c.distanceM <= radius)
    .sort((a, b) => a.distanceM - b.distanceM);
  return { alarmId: alarm.id, position, units: near.slice(0, opts.units ?? 5), cameras: cams.slice(0, opts.cameras ?? 3) };
}
