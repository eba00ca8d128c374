import type { OperationHandlers } from '../contract.js';
import type { CategoryId } from '../domain/categories.js';
import { incidentId, unitId } from '../domain/ids.js';
import type { Power } from '../domain/powers.js';
import { fail, ok } from '../result.js';
import { setAccreditation } from './accreditation.js';
import type { DispatchDesk } from './dispatch-desk.js';

type DispatchOperation =
  | 'recommendUnits'
  | 'getIncidentRoutes'
  | 'findRepeatReports'
  | 'linkReport'
  | 'withdrawAccreditation'
  | 'restoreAccreditation'
  | 'getPspoZones'
  | 'loadPspoZones'
  | 'getIntakeHealth';

const noDesk = async () => fail<never>('Dispatch is not running on this host.', 'unavailable');

/** The contract's dispatch operations; operations.ts composes them into the full handler map. */
export function createDispatchHandlers(desk: DispatchDesk | undefined): Pick<OperationHandlers, DispatchOperation> {
  if (!desk)
    return {
      recommendUnits: noDesk,
      getIncidentRoutes: noDesk,
      findRepeatReports: noDesk,
      linkReport: noDesk,
      withdrawAccreditation: noDesk,
      restoreAccreditation: noDesk,
      getPspoZones: noDesk,
      loadPspoZones: noDesk,
      getIntakeHealth: noDesk,
    };
  return {
    recommendUnits: async ({ id, limit }) => desk.recommendations.recommend(incidentId(id), limit),
    getIncidentRoutes: async ({ id }) => desk.recommendations.routes(incidentId(id)),
    findRepeatReports: async ({ category, lat, lon }) => ok(desk.reports.repeatCandidates(category as CategoryId, { lat, lon })),
    linkReport: async ({ id, description, operator }) => desk.reports.linkReport(incidentId(id), operator, 'dispatcher', description),
    withdrawAccreditation: async ({ id, power, reason, operator }) => setAccreditation(desk.service, unitId(id), power as Power, true, operator, reason),
    restoreAccreditation: async ({ id, power, reason, operator }) => setAccreditation(desk.service, unitId(id), power as Power, false, operator, reason),
    getPspoZones: async () => ok(desk.zones.current),
    loadPspoZones: async ({ zones, operator }) => desk.zones.load(zones, operator),
    getIntakeHealth: async () => ok(desk.health()),
  };
}
