import { parseDecimal } from '../decimal.js';

/** A named PTZ position and the bearing the camera looks along there (degrees from north). */
export interface CameraPreset {
  name: string;
  bearing: number;
}

/**
 * A public-space CCTV camera as the registry holds it. URLs never carry credentials: those are
 * split off on import and kept by the host, referenced by the camera's id.
 */
export interface Camera {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Pan-tilt-zoom cameras can be turned; fixed cameras look along `bearing` only. */
  ptz: boolean;
  /** Degrees from north: the way a fixed camera looks, a PTZ camera's home direction. */
  bearing: number;
  /** Horizontal field of view, degrees. */
  fov: number;
  /** How far the camera usefully sees, metres. */
  range: number;
  rtspMain?: string;
  rtspSub?: string;
  onvifUrl?: string;
  /** How the host pulls RTSP: TCP unless the camera only does UDP. */
  transport?: 'tcp' | 'udp';
  presets?: CameraPreset[];
}

/** A user name and password taken out of a camera URL. */
export interface Credential {
  user: string;
  pass: string;
}

/** What the host keeps for a camera, outside the journal and away from the renderer. */
export interface CameraCredentials {
  rtsp?: Credential;
  onvif?: Credential;
}

interface RegistryRow {
  camera: Camera;
  credentials: CameraCredentials;
}

export interface Rejected {
  /** CSV: the line in the file (header = 1). GeoJSON: the feature's number (first = 1). */
  line: number;
  reason: string;
}

export interface RegistryImport {
  rows: RegistryRow[];
  rejected: Rejected[];
}

const CSV_HEADER = ['id', 'name', 'lat', 'lon', 'bearing', 'fov', 'range', 'ptz', 'rtsp_main', 'rtsp_sub', 'onvif_url'] as const;
/** Columns a file may add after the required ones. */
const OPTIONAL_COLUMNS = ['presets', 'transport'] as const;
const DEFAULT_FOV = 60;
const DEFAULT_RANGE = { fixed: 150, ptz: 250 };
const ID = /^[A-Za-z0-9_.:@-]{1,64}$/;

/**
 * `rtsp://user:pass@cam/stream` → the URL without them, and them. Only URLs of the schemes a
 * camera speaks are accepted: anything else in the column is a typo or worse.
 */
export function splitCredentials(raw: string, schemes: readonly string[]): { url: string; credential?: Credential } | { error: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { error: `"${redact(raw)}" is not a URL` };
  }
  if (!schemes.includes(u.protocol.replace(/:$/, ''))) return { error: `"${redact(raw)}" must start with ${schemes.map((s) => `${s}://`).join(' or ')}` };
  if (!u.hostname) return { error: `"${redact(raw)}" names no camera address` };
  const credential = u.username || u.password ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined;
  u.username = '';
  u.password = '';
  return { url: u.href, ...(credential && { credential }) };
}

/** A URL as it may be shown in a rejection: without whatever sits before an `@`. */
const redact = (raw: string) => raw.replace(/\/\/[^/@]*@/, '//…@').slice(0, 120);

/** `Market@120;Bridge@265` or `[{ name, bearing }]`. */
function parsePresets(v: unknown): CameraPreset[] | string {
  const list: CameraPreset[] = [];
  const items: unknown[] = typeof v === 'string' ? v.split(';').filter((s) => s.trim()) : Array.isArray(v) ? v : [];
  if (typeof v !== 'string' && !Array.isArray(v)) return 'presets must be "Name@bearing;Name@bearing" or a list of { name, bearing }';
  for (const item of items) {
    let name: unknown;
    let bearing: unknown;
    if (typeof item === 'string') {
      const at = item.lastIndexOf('@');
      name = item.slice(0, at).trim();
      bearing = at > 0 ? Number(item.slice(at + 1)) : NaN;
    } else if (item && typeof item === 'object') {
      ({ name, bearing } = item as Record<string, unknown>);
      if (typeof bearing === 'string') bearing = Number(bearing);
    }
    if (typeof name !== 'string' || !name || name.length > 40) return `preset "${String(name ?? item)}" needs a name (up to 40 characters)`;
    if (typeof bearing !== 'number' || !Number.isFinite(bearing) || bearing < 0 || bearing >= 360) return `preset "${name}" needs a bearing from 0 to 359 degrees`;
    list.push({ name, bearing });
  }
  return list;
}

const asNumber = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v) : NaN);
const asText = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v));

/**
 * One registry row from its named fields, as strings (CSV) or JSON values (GeoJSON). Returns the
 * first fault as a sentence a CCTV manager can act on.
 */
function checkRow(f: Record<string, unknown>): RegistryRow | { error: string } {
  const id = asText(f.id);
  if (!ID.test(id)) return { error: 'id must be 1 to 64 letters, digits or _ . : @ -' };
  const name = asText(f.name);
  if (!name || name.length > 120) return { error: 'name is missing (or over 120 characters)' };
  const lat = asNumber(f.lat);
  const lon = asNumber(f.lon);
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) return { error: 'lat and lon must be degrees (lat -90 to 90, lon -180 to 180)' };
  const ptzText = asText(f.ptz).toLowerCase();
  const ptz = f.ptz === true || ptzText === 'true' ? true : f.ptz === false || ptzText === 'false' ? false : null;
  if (ptz === null) return { error: 'ptz must be true or false' };
  const bearing = asText(f.bearing) === '' ? 0 : asNumber(f.bearing);
  if (!(bearing >= 0 && bearing < 360)) return { error: 'bearing must be 0 to 359 degrees from north' };
  if (!ptz && asText(f.bearing) === '') return { error: 'a fixed camera needs its bearing' };
  const fov = asText(f.fov) === '' ? DEFAULT_FOV : asNumber(f.fov);
  if (!(fov > 0 && fov <= 360)) return { error: 'fov must be more than 0 and at most 360 degrees' };
  const range = asText(f.range) === '' ? DEFAULT_RANGE[ptz ? 'ptz' : 'fixed'] : asNumber(f.range);
  if (!(range > 0 && range <= 5000)) return { error: 'range must be more than 0 and at most 5000 metres' };
  const camera: Camera = { id, name, lat, lon, ptz, bearing, fov, range };
  const credentials: CameraCredentials = {};
  for (const [field, key] of [
    ['rtsp_main', 'rtspMain'],
    ['rtsp_sub', 'rtspSub'],
  ] as const) {
    const raw = asText(f[field]);
    if (!raw) continue;
    const s = splitCredentials(raw, ['rtsp', 'rtsps']);
    if ('error' in s) return { error: `${field}: ${s.error}` };
    camera[key] = s.url;
    if (s.credential) credentials.rtsp ??= s.credential;
  }
  const onvif = asText(f.onvif_url);
  if (onvif) {
    const s = splitCredentials(onvif, ['http', 'https']);
    if ('error' in s) return { error: `onvif_url: ${s.error}` };
    camera.onvifUrl = s.url;
    if (s.credential) credentials.onvif = s.credential;
  }
  const transport = asText(f.transport).toLowerCase();
  if (transport && transport !== 'tcp' && transport !== 'udp') return { error: 'transport must be tcp or udp' };
  if (transport) camera.transport = transport as 'tcp' | 'udp';
  if (f.presets !== undefined && asText(f.presets) !== '') {
    const presets = parsePresets(f.presets);
    if (typeof presets === 'string') return { error: presets };
    if (presets.length && !ptz) return { error: 'only a PTZ camera has presets' };
    if (presets.length) camera.presets = presets;
  }
  return { camera, credentials };
}

/** RFC 4180 fields of one line: commas, double quotes around fields, "" for a quote inside. */
function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return null;
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    out.push(field.trim());
    if (i >= line.length) return out;
    i++;
  }
}

/** Keeps the last row for an id seen twice in one file, rejecting the earlier one by name. */
function firstWins(rows: { line: number; row: RegistryRow }[], rejected: Rejected[]): RegistryRow[] {
  const seen = new Map<string, number>();
  const out: RegistryRow[] = [];
  for (const { line, row } of rows) {
    const earlier = seen.get(row.camera.id);
    if (earlier !== undefined) {
      rejected.push({ line, reason: `id ${row.camera.id} is already on line ${earlier}` });
      continue;
    }
    seen.set(row.camera.id, line);
    out.push(row);
  }
  return out;
}

export function parseCameraCsv(text: string): RegistryImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '')?.map((h) => h.toLowerCase());
  const required = CSV_HEADER.slice(0, 8);
  if (!header || required.some((h, i) => header[i] !== h))
    return { rows: [], rejected: [{ line: 1, reason: `the first line must be the header ${CSV_HEADER.join(',')}` }] };
  const known = new Set<string>([...CSV_HEADER, ...OPTIONAL_COLUMNS]);
  const unknown = header.find((h) => !known.has(h));
  if (unknown) return { rows: [], rejected: [{ line: 1, reason: `unknown column "${unknown}"` }] };
  const rejected: Rejected[] = [];
  const good: { line: number; row: RegistryRow }[] = [];
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (!text.trim()) return;
    const fields = csvFields(text);
    if (!fields) return rejected.push({ line, reason: 'an unclosed or misplaced double quote' });
    if (fields.length > header.length) return rejected.push({ line, reason: `${fields.length} fields, but the header names ${header.length}` });
    const named: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    header.forEach((h, k) => (named[h] = fields[k] ?? ''));
    const r = checkRow(named);
    if ('error' in r) rejected.push({ line, reason: r.error });
    else good.push({ line, row: r });
  });
  return { rows: firstWins(good, rejected), rejected };
}

export function parseCameraGeoJson(text: string): RegistryImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { rows: [], rejected: [{ line: 0, reason: 'the file is not valid JSON' }] };
  }
  const features = (data as { type?: unknown; features?: unknown })?.type === 'FeatureCollection' ? (data as { features: unknown }).features : null;
  if (!Array.isArray(features)) return { rows: [], rejected: [{ line: 0, reason: 'the file must be a GeoJSON FeatureCollection' }] };
  const rejected: Rejected[] = [];
  const good: { line: number; row: RegistryRow }[] = [];
  features.forEach((f: unknown, i) => {
    const line = i + 1;
    const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry;
    const c = g?.coordinates;
    if (g?.type !== 'Point' || !Array.isArray(c) || c.length < 2) return rejected.push({ line, reason: 'each feature must be a Point' });
    const props = (f as { properties?: unknown }).properties;
    if (!props || typeof props !== 'object') return rejected.push({ line, reason: 'the feature has no properties' });
    const named: Record<string, unknown> = Object.assign(Object.create(null) as object, props, { lon: c[0], lat: c[1] });
    const r = checkRow(named);
    if ('error' in r) rejected.push({ line, reason: r.error });
    else good.push({ line, row: r });
  });
  return { rows: firstWins(good, rejected), rejected };
}

/** The bundled camera list (JSON, the same fields as the CSV): every row must be good. */
export function checkCameras(data: unknown): { ok: true; cameras: Camera[] } | { ok: false; error: string } {
  if (!Array.isArray(data)) return { ok: false, error: 'the camera list must be a JSON array' };
  const seen = new Set<string>();
  const cameras: Camera[] = [];
  for (const [i, c] of data.entries()) {
    const o = (c ?? {}) as Record<string, unknown>;
    const fields: Record<string, unknown> = Object.assign(Object.create(null) as object, o);
    const r = checkRow(fields);
    if ('error' in r) return { ok: false, error: `camera ${typeof o.id === 'string' ? o.id : i}: ${r.error}` };
    if (seen.has(r.camera.id)) return { ok: false, error: `camera ${i} needs a unique "id"` };
    seen.add(r.camera.id);
    cameras.push(r.camera);
  }
  return { ok: true, cameras };
}

/** The bundled list with the imported (and changed) cameras over it, by id, less those removed. */
export function cameraRegistry(bundled: readonly Camera[], imported: ReadonlyMap<string, Camera>, removed: ReadonlySet<string> = new Set()): Camera[] {
  const all = new Map(bundled.map((c) => [c.id, c]));
  for (const [id, c] of imported) all.set(id, c);
  for (const id of removed) all.delete(id);
  return [...all.values()];
}
