import type { LatLon } from '../../../shared/domain/incidents.js';
import { parseDecimal } from '../../../shared/decimal.js';

/**
 * Reads a location typed by a dispatcher: "52.5725, -0.2425" (lat, lon — the order people read
 * out). Returns a sentence saying what is wrong instead of guessing.
 */
export function parseLatLon(text: string): { ok: true; value: LatLon } | { ok: false; error: string } {
  const parts = text.trim().split(/[\s,;]+/).filter(Boolean);
  if (parts.length !== 2) return { ok: false, error: 'Type the location as "lat, lon", e.g. 52.5725, -0.2425, or pick it on the map.' };
  const [lat, lon] = parts.map(parseDecimal) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return { ok: false, error: 'Latitude and longitude must be numbers.' };
  if (lat < -90 || lat > 90) return { ok: false, error: `Latitude ${lat} is outside -90..90: did you type lon, lat?` };
  if (lon < -180 || lon > 180) return { ok: false, error: `Longitude ${lon} is outside -180..180.` };
  return { ok: true, value: { lat, lon } };
}

export const formatLatLon = (l: LatLon) => `${l.lat.toFixed(5)}, ${l.lon.toFixed(5)}`;
