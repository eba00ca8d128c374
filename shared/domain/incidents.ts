import type { CategoryId, Priority } from './categories.js';
import type { IncidentId, SectorId, UnitId } from './ids.js';
import type { IncidentAction, IncidentState } from './lifecycle.js';

export type IncidentSource = 'dispatcher' | 'open311' | 'mqtt';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface IncidentHistoryEntry {
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
  allocations: Allocation[];
  history: IncidentHistoryEntry[];
}
