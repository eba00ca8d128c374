import type { Agency } from './agencies.js';
import type { IncidentId, SectorId, UnitId } from './ids.js';
import type { Power } from './powers.js';

export const UNIT_STATUSES = ['available', 'en_route', 'on_scene', 'busy', 'off_duty'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export type TravelMode = 'foot' | 'vehicle';

/** Who an officer is: fixed by the roster, not by telemetry. */
export interface RosterEntry {
  id: UnitId;
  callsign: string;
  agency: Agency;
  powers: Power[];
  sector: SectorId;
  mode: TravelMode;
  /** TETRA radio ISSI, for radio location gateways. */
  issi?: number;
  /** OwnTracks `{user}/{device}` this unit reports as. */
  ownTracks?: string;
}

export interface Fix {
  ts: number;
  lat: number;
  lon: number;
  acc?: number;
  hdg?: number;
  spd?: number;
  /** Entered by hand from radio traffic, by this operator (the broker or the network was down); absent for telemetry. */
  by?: string;
}

export interface Unit extends RosterEntry {
  fix: Fix | null;
  battery: number | null;
  status: UnitStatus;
  statusTs: number;
  /** The status was entered by hand from radio traffic, by this operator; cleared by the next status from anywhere else. */
  statusBy?: string;
  incidentId: IncidentId | null;
  emergency: { active: boolean; ts: number; lat?: number; lon?: number } | null;
  bwv: { recording: boolean; ts: number } | null;
  /** Powers a supervisor has withdrawn (a lapsed accreditation, say); never recommended for work needing them. */
  withdrawnPowers: Power[];
  /**
   * When the officer's own device (or radio) last sent anything: a fix, a status, an emergency, a
   * body-worn video state. Absent until then; a dispatcher's allocation is not hearing from them.
   */
  heardAt?: number;
}

/**
 * An officer the console has never heard from since the roster listed them: whatever their
 * status says (the roster's "available"), nobody knows where they are or whether they are on duty.
 */
export const neverHeardFrom = (u: Pick<Unit, 'fix' | 'heardAt'>): boolean => !u.fix && u.heardAt === undefined;

export function unitFromRoster(entry: RosterEntry): Unit {
  return {
    ...entry,
    fix: null,
    battery: null,
    status: 'available',
    statusTs: 0,
    incidentId: null,
    emergency: null,
    bwv: null,
    withdrawnPowers: [],
  };
}

export const effectivePowers = (u: Unit): Power[] => u.powers.filter((p) => !u.withdrawnPowers.includes(p));
