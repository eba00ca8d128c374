import type { FeatureCollection } from 'geojson';
import type { Alarm } from '../../../shared/domain/alarms.js';
import type { Unit } from '../../../shared/domain/units.js';
import { alarmPosition } from '../../../shared/safety/nearby.js';

/** Alarms not yet stood down: unacknowledged first (they need someone), then oldest first. */
export function openAlarms(alarms: Record<string, Alarm>): Alarm[] {
  return Object.values(alarms)
    .filter((a) => a.stoodDownAt === null)
    .sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) || a.raisedAt - b.raisedAt);
}

export const SOURCE_LABELS: Record<Alarm['source'], string> = {
  device: 'emergency button',
  radio: 'radio emergency',
  dispatcher: 'raised by dispatcher',
};

export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

export function ageText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** One point per open alarm at the officer's last known position, labelled with the fix's age. */
export function alarmFeatures(alarms: Alarm[], units: Record<string, Unit>, now: number): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: alarms.flatMap((a) => {
      const u = units[a.unitId];
      const pos = alarmPosition(a, u);
      if (!pos) return [];
      const age = Math.max(0, Math.round((now - pos.ts) / 1000));
      return [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [pos.lon, pos.lat] },
          properties: {
            id: a.id,
            unitId: a.unitId,
            callsign: u?.callsign ?? a.unitId,
            acknowledged: a.acknowledgedAt !== null,
            fixAgeS: age,
            label: `${u?.callsign ?? a.unitId} · fix ${ageText(age)} ago`,
          },
        },
      ];
    }),
  };
}
