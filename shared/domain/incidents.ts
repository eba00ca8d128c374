import type { CategoryId, Priority } from './categories.js';
import type { IncidentId, SectorId, UnitId } from './ids.js';
import type { IncidentAction, IncidentState } from './lifecycle.js';
import type { Power } from './powers.js';

export type IncidentSource = 'dispatcher' | 'open311' | 'mqtt';

export interface LatLon {
  lat: number;
  lon: number;
}

interface IncidentHistoryEntry {
  action: IncidentAction;
  state: IncidentState;
  at: number;
  by: string;
  note?: string;
}

export interface Allocation {
  unitId: UnitId;
  at: number;
  by: string;
  /** When the officer's device acknowledged the assignment; null until then. */
  ackedAt: number | null;
  escalatedAt?: number | null;
  /** When the broker took the assignment for the device; absent until then (to be sent again after a restart). */
  sentAt?: number | null;
  /** When a dispatcher took the officer off the incident (de-allocated or reassigned). */
  withdrawnAt?: number | null;
  withdrawnBy?: string;
}

/** Allocations still standing: the officers the incident has now. */
export const activeAllocations = (i: Pick<Incident, 'allocations'>): Allocation[] => i.allocations.filter((a) => !a.withdrawnAt);

/** A PSPO prohibition in force where and when the incident was reported. */
export interface Prohibition {
  zoneId: string;
  zoneName: string;
  behaviour: string;
  /** Local (Europe/London) hours the rule applies, 'HH:MM'; `to` before `from` wraps midnight. */
  from: string;
  to: string;
  /** What the dispatcher reads, e.g. "No drinking alcohol (City centre PSPO, all day)". */
  label: string;
  /** The category an enforcing officer would deal with it as. */
  category: CategoryId;
  /** An officer holding any of these can enforce it. */
  enforcedWith: Power[];
}

/** Many incidents at one spot over weeks: a problem location, not a one-off. */
export interface RepeatLocationFlag {
  /** Incidents within `radiusM` over the last `days`, this one included. */
  incidents: number;
  radiusM: number;
  days: number;
}

export interface Incident {
  id: IncidentId;
  /** Short reference dispatchers read out on the radio. */
  ref: string;
  category: CategoryId;
  priority: Priority;
  description: string;
  location: LatLon;
  address?: string;
  sector: SectorId | null;
  pspoZones: string[];
  state: IncidentState;
  source: IncidentSource;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  reports: number;
  /** When the last report (first or linked) arrived; repeat reports are matched against it. */
  lastReportAt?: number;
  /** Reports linked to it that came in through Open311: the public is told about such an incident. */
  open311Reports?: number;
  prohibitions?: Prohibition[];
  repeatLocation?: RepeatLocationFlag | null;
  allocations: Allocation[];
  history: IncidentHistoryEntry[];
  /** Notes added to the log; the notes themselves are read from the journal. */
  notes?: number;
}
