import type { OperationHandlers } from '../../../shared/contract.js';
import type { MapImportJob } from './map-import-job.js';
import type { Gazetteer } from '../../../shared/places/gazetteer.js';
import { searchPlaces } from '../../../shared/places/search.js';
import { ok } from '../../../shared/result.js';

/** Importing a map from the console's settings, and how far it has got. */
export function createMapImportHandlers(job: MapImportJob): Pick<OperationHandlers, 'getMapImport' | 'startMapImport'> {
  return {
    getMapImport: async () => ok(job.get()),
    startMapImport: async (r) => job.start(r),
  };
}

/** `GET /api/places`: the gazetteer of the imported map (or none, where grid references still work). */
export function createPlaceHandlers(gazetteer: () => Gazetteer): Pick<OperationHandlers, 'searchPlaces'> {
  return {
    searchPlaces: async ({ q, near, limit }) => ok(searchPlaces(gazetteer(), q, { near: near ?? null, limit })),
  };
}
