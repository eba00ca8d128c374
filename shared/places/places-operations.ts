import type { OperationHandlers } from '../contract.js';
import type { Gazetteer } from './gazetteer.js';
import { searchPlaces } from './search.js';
import { ok } from '../result.js';

/** `GET /api/places`: the gazetteer of the imported map (or none, where grid references still work). */
export function createPlaceHandlers(gazetteer: () => Gazetteer): Pick<OperationHandlers, 'searchPlaces'> {
  return {
    searchPlaces: async ({ q, near, limit }) => ok(searchPlaces(gazetteer(), q, { near: near ?? null, limit })),
  };
}
