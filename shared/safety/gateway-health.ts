import type { UnitId } from '../domain/ids.js';

/** What the radio and OwnTracks gateways have delivered, for the health view. */
export interface GatewayHealth {
  ownTracks: { locations: number; lastWills: number; ignored: number; offline: { unitId: UnitId; since: number }[] };
  radio: { locations: number; emergencies: number };
}
