import type { Place } from '../../shared/places/types.js';
import type { Open311Error } from './georeport.js';

/**
 * A service request with an `address_string` (or a `postcode`) but no `lat`/`long` is placed
 * through the gazetteer; one it cannot place is refused, as the specification refuses a request
 * without a location. With no gazetteer the request is left as it came (and refused for lacking
 * `lat` and `long`).
 */
export function locateServiceRequest(
  fields: Record<string, string>,
  /** null: nowhere matches; undefined: there is no gazetteer to ask. */
  locate: ((text: string) => Place | null | undefined) | undefined,
): { ok: true; fields: Record<string, string> } | { ok: false; errors: Open311Error[] } {
  const hasPoint = (fields.lat ?? '').trim() !== '' || (fields.long ?? '').trim() !== '';
  const written = (fields.address_string ?? '').trim() || (fields.postcode ?? '').trim();
  if (hasPoint || !written || !locate) return { ok: true, fields };
  const place = locate(written);
  if (place === undefined) return { ok: true, fields };
  if (!place) return { ok: false, errors: [{ code: 400, description: `address_string "${written.slice(0, 80)}" could not be located: give lat and long` }] };
  return { ok: true, fields: { ...fields, lat: String(place.lat), long: String(place.lon), address_string: (fields.address_string ?? '').trim() || place.name } };
}
