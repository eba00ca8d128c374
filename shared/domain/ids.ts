// Branded ids stop a unit id being passed where an incident id is expected.
export type UnitId = string & { readonly __brand: 'UnitId' };
export type IncidentId = string & { readonly __brand: 'IncidentId' };
export type SectorId = string & { readonly __brand: 'SectorId' };
export type AlarmId = string & { readonly __brand: 'AlarmId' };

export const unitId = (s: string) => s as UnitId;
export const incidentId = (s: string) => s as IncidentId;
export const sectorId = (s: string) => s as SectorId;
export const alarmId = (s: string) => s as AlarmId;
