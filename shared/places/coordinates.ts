import Dms from 'geodesy/dms.js';
import OsGridRef from 'geodesy/osgridref.js';
import type { Place } from './types.js';

const round = (n: number, dp: number) => Math.round(n * 10 ** dp) / 10 ** dp;

/**
 * An OS grid reference in the forms a caller or an officer reads out: `TL 19240 98462`,
 * `TL1924098462`, `TL 19 98`, or all-numeric `519240,298462`. A reference of fewer than ten digits
 * names a square, not a point: the answer is the square's centre, not its south-west corner.
 */
export function parseGridReference(text: string): Place | null {
  const s = text.trim().toUpperCase();
  let precision = 1;
  let grid: OsGridRef;
  try {
    const numeric = /^(\d{6,7})\s*[, ]\s*(\d{6,7})$/.exec(s);
    if (numeric) {
      grid = new OsGridRef(Number(numeric[1]), Number(numeric[2]));
    } else {
      const m = /^([HNST][A-HJ-Z])\s*(\d+)\s*(\d*)$/.exec(s);
      if (!m) return null;
      const digits = m[3] ? m[2]!.length : m[2]!.length / 2;
      if (!Number.isInteger(digits) || digits < 1 || digits > 5 || (m[3] && m[3].length !== digits)) return null;
      precision = 10 ** (5 - digits);
      grid = OsGridRef.parse(s);
    }
  } catch {
    return null;
  }
  const centre = new OsGridRef(grid.easting + (precision > 1 ? precision / 2 : 0), grid.northing + (precision > 1 ? precision / 2 : 0));
  if (centre.easting > 700_000 || centre.northing > 1_300_000) return null;
  const p = centre.toLatLon();
  const name = precision > 1 ? `${grid.toString(2 * (5 - Math.log10(precision)))}` : grid.toString(10);
  return { kind: 'grid reference', name, detail: precision > 1 ? `${precision} m square` : `${grid.easting},${grid.northing}`, lat: round(p.lat, 6), lon: round(p.lon, 6) };
}

/** One half of a coordinate pair, in decimal or degrees-minutes-seconds, with its hemisphere letter. */
function degrees(part: string, hemisphere: string | undefined): number {
  const p = part.trim();
  if (!/\d/.test(p) || /[A-Z]/i.test(p.replace(/[NSEWD]/gi, ''))) return NaN;
  const value = Dms.parse(p.replace(/\s+/g, ' '));
  if (!Number.isFinite(value)) return NaN;
  return hemisphere === 'S' || hemisphere === 'W' ? -Math.abs(value) : value;
}

/**
 * Latitude and longitude as people write them: `52.5709, -0.2420`, `52.5709 N 0.2420 W`,
 * `N52.5709 W0.2420`, `52°34′15″N 0°14′31″W`, `52 34 15 N, 0 14 31 W`.
 */
export function parseLatLon(text: string): Place | null {
  const s = text.trim().toUpperCase().replace(/[’′]/g, "'").replace(/[”″]/g, '"').replace(/''/g, '"');
  let lat: number;
  let lon: number;
  let m = /^(.+?)\s*([NS])[\s,;]+(.+?)\s*([EW])$/.exec(s) ?? null;
  if (m) {
    lat = degrees(m[1]!, m[2]);
    lon = degrees(m[3]!, m[4]);
  } else if ((m = /^([NS])\s*(.+?)[\s,;]+([EW])\s*(.+)$/.exec(s))) {
    lat = degrees(m[2]!, m[1]);
    lon = degrees(m[4]!, m[3]);
  } else if ((m = /^([-+]?\d+(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d+(?:\.\d+)?)$/.exec(s))) {
    if (!m[1]!.includes('.') && !m[2]!.includes('.')) return null;
    lat = Number(m[1]);
    lon = Number(m[2]);
  } else {
    return null;
  }
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  lat = round(lat, 6);
  lon = round(lon, 6);
  return { kind: 'coordinates', name: `${Math.abs(lat).toFixed(5)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(5)}° ${lon < 0 ? 'W' : 'E'}`, detail: 'latitude, longitude', lat, lon };
}

/** OSGB36 easting and northing (Code-Point Open, Open Names, AddressBase) to WGS84 for the map. */
export function gridToLatLon(easting: number, northing: number): { lat: number; lon: number } {
  const p = new OsGridRef(easting, northing).toLatLon();
  return { lat: round(p.lat, 6), lon: round(p.lon, 6) };
}
