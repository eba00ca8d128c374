import type { MapImportStatus, OperationHandlers } from '../contract.js';
import type { Gazetteer } from './gazetteer.js';
import { searchPlaces } from './search.js';
import { fail, ok, type Result } from '../result.js';

/** What an operator asks an import of: files on the host's machine. */
export interface MapImportRequest {
  tiles: string;
  postcodes: string;
  wards?: string;
  openNames?: string;
  addresses?: string;
  operator: string;
}

/** The port the host's import process implements: start one, and say how far it has got. */
export interface MapImporter {
  get(): MapImportStatus;
  start(r: MapImportRequest): Result<MapImportStatus>;
}

/** Where this host keeps no map: nothing can be imported, and it says so. */
export const NO_MAP_IMPORTER: MapImporter = {
  get: () => ({ state: 'idle', lines: [], error: null, startedAt: null, finishedAt: null, by: null }),
  start: () => fail('This host keeps no map data.', 'unavailable'),
};

/** Importing a map from the console's settings, and how far it has got. */
export function createMapImportHandlers(job: MapImporter): Pick<OperationHandlers, 'getMapImport' | 'startMapImport'> {
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
