import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '../../shared/domain/categories.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { isOpen } from '../../shared/domain/lifecycle.js';
import { parseDecimal } from '../../shared/decimal.js';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), as FixMyStreet and many councils speak it.
 * Service codes are the console's category ids; a service request id is the incident's id, so a
 * duplicate report linked to an open incident answers with that incident's id.
 */
const AGENCY_RESPONSIBLE = 'Peterborough Prevention and Enforcement Service';

export interface Open311Error {
  code: number;
  description: string;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number;
  long: number;
  media_url: string | null;
}

/** Crimes go to the police on 101/999, not through a public reporting API. */
const NOT_PUBLIC: CategoryId[] = ['needs_police'];

const GROUPS: Partial<Record<CategoryId, string>> = {
  fly_tipping: 'environment',
  littering: 'environment',
  fly_posting: 'environment',
  graffiti: 'environment',
  dog_fouling: 'environment',
  unlawful_parking: 'parking and vehicles',
  abandoned_vehicle: 'parking and vehicles',
  housing_complaint: 'housing',
  hmo_licensing: 'housing',
};

const PUBLIC_SERVICE_CODES = CATEGORY_IDS.filter((c) => !NOT_PUBLIC.includes(c));

export function services(): Open311Service[] {
  return PUBLIC_SERVICE_CODES.map((code) => ({
    service_code: code,
    service_name: CATEGORIES[code].label,
    description: `Report ${CATEGORIES[code].label.toLowerCase()} to the joint enforcement team.`,
    metadata: false,
    type: 'realtime',
    keywords: code.replaceAll('_', ' '),
    group: GROUPS[code] ?? 'anti-social behaviour',
  }));
}

/** A POST body, form-encoded or JSON, as flat string fields. Null when it cannot be read at all. */
export function readRequestFields(contentType: string | undefined, body: string): Record<string, string> | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let o: unknown;
    try {
      o = JSON.parse(body);
    } catch {
      return null;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
    const out = fieldsRecord();
    for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = typeof v === 'number' ? decimalText(v) : String(v);
    return out;
  }
  return Object.assign(fieldsRecord(), Object.fromEntries(new URLSearchParams(body)));
}

// JSON's 1e-7 is a number all the same; fields are read as decimal text, so write it as one.
const decimalText = (v: number) => (Math.abs(v) < 1e-6 && v !== 0 ? v.toFixed(20) : String(v));

// Field names are the sender's: `__proto__` or `constructor` must be a field like any other.
const fieldsRecord = () => Object.create(null) as Record<string, string>;

export interface ParsedServiceRequest {
  apiKey: string;
  category: CategoryId;
  lat: number;
  lon: number;
  address?: string;
  description: string;
}

const num = (s: string | undefined) => (s === undefined ? NaN : parseDecimal(s));

/** Checks every field the spec asks for; all problems are reported at once, as the spec's error array. */
export function parseServiceRequest(f: Record<string, string>): { ok: true; value: ParsedServiceRequest } | { ok: false; errors: Open311Error[] } {
  const errors: Open311Error[] = [];
  const code = f.service_code?.trim();
  if (!code) errors.push({ code: 400, description: 'service_code is required' });
  else if (!(PUBLIC_SERVICE_CODES as string[]).includes(code))
    errors.push({
      code: 400,
      description: code === 'needs_police' ? 'report crime to the police on 101, or 999 in an emergency' : `service_code ${code.slice(0, 40)} is not a service of this jurisdiction`,
    });
  const lat = num(f.lat);
  const lon = num(f.long);
  if (f.lat === undefined && f.long === undefined)
    errors.push({ code: 400, description: 'lat and long are required: this service does not geocode address_string or address_id' });
  else if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) errors.push({ code: 400, description: 'lat and long must be WGS84 decimal degrees' });
  const description = (f.description ?? '').trim();
  if (description.length > 4000) errors.push({ code: 400, description: 'description is over 4000 characters' });
  const address = f.address_string?.trim();
  if (address && address.length > 200) errors.push({ code: 400, description: 'address_string is over 200 characters' });
  if (errors.length) return { ok: false, errors };
  const media = f.media_url?.trim();
  return {
    ok: true,
    value: {
      apiKey: f.api_key ?? '',
      category: code as CategoryId,
      lat,
      lon,
      ...(address && { address }),
      // The photo link travels with the words so the officer sent can open it.
      description: media && /^https?:\/\//.test(media) ? `${description}${description ? '\n' : ''}Photo: ${media.slice(0, 500)}` : description,
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Open311 is public, so it shows only what the public told us: an incident opened through Open311,
 * or one a report through Open311 was linked to (that reporter holds its id). What a dispatcher
 * took by phone, or a partner sent over MQTT, is never listed, and crime never appears at all.
 */
export const isPublicRequest = (i: Incident) =>
  (PUBLIC_SERVICE_CODES as string[]).includes(i.category) && (i.source === 'open311' || (i.open311Reports ?? 0) > 0);

/**
 * Published locations are rounded to 3 decimal places, about 110 m north–south and 70 m east–west
 * here, as public report maps do: enough to find the street, not the doorstep of whoever is reported.
 */
const publicCoordinate = (degrees: number) => Math.round(degrees * 1000) / 1000 || 0;

export function toServiceRequest(i: Incident): Open311ServiceRequest {
  const open = isOpen(i.state);
  // Words and addresses only when the public wrote them: a dispatcher's notes can name people.
  const shareable = i.source === 'open311';
  const photo = shareable ? /\nPhoto: (\S+)$|^Photo: (\S+)$/.exec(i.description) : null;
  return {
    service_request_id: i.id,
    status: open ? 'open' : 'closed',
    status_notes: `${i.state.replace('_', ' ')}${i.reports > 1 ? `; ${i.reports} reports` : ''}`,
    service_name: CATEGORIES[i.category].label,
    service_code: i.category,
    description: shareable ? i.description || null : null,
    agency_responsible: AGENCY_RESPONSIBLE,
    service_notice: null,
    requested_datetime: iso(i.createdAt),
    updated_datetime: iso(i.updatedAt),
    expected_datetime: null,
    address: shareable ? (i.address ?? null) : null,
    address_id: null,
    zipcode: null,
    lat: publicCoordinate(i.location.lat),
    long: publicCoordinate(i.location.lon),
    media_url: photo ? (photo[1] ?? photo[2] ?? null) : null,
  };
}

/**
 * Characters XML 1.0 forbids even escaped (C0 controls other than tab, LF and CR; lone surrogates;
 * U+FFFE, U+FFFF). One in a description (an escape sequence pasted from a terminal, say) would make
 * the whole response unreadable to a partner's parser, so each becomes U+FFFD, the replacement
 * character: the reader sees that something was there.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapeXml = (s: string) =>
  s.replace(NOT_XML, '\uFFFD').replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The spec's XML shape: `<services><service>…</service></services>` and so on. */
export function toXml(root: string, item: string, rows: readonly object[]): string {
  const body = rows
    .map((r) => {
      const fields = Object.entries(r)
        .map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : `<${k}>${escapeXml(String(v))}</${k}>`))
        .join('');
      return `<${item}>${fields}</${item}>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`;
}

export interface RequestQuery {
  ids: string[] | null;
  codes: string[] | null;
  start: number | null;
  end: number | null;
  status: 'open' | 'closed' | null;
}

export function parseRequestQuery(q: URLSearchParams): { ok: true; value: RequestQuery } | { ok: false; errors: Open311Error[] } {
  const list = (k: string) => (q.get(k) ? q.get(k)!.split(',').map((s) => s.trim()).filter(Boolean) : null);
  const date = (k: string) => {
    const v = q.get(k);
    if (!v) return null;
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? ms : NaN;
  };
  const start = date('start_date');
  const end = date('end_date');
  const status = q.get('status');
  const errors: Open311Error[] = [];
  if (Number.isNaN(start) || Number.isNaN(end)) errors.push({ code: 400, description: 'start_date and end_date must be ISO 8601 with a time zone' });
  if (status && status !== 'open' && status !== 'closed') errors.push({ code: 400, description: 'status is open or closed' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ids: list('service_request_id'), codes: list('service_code'), start, end, status: status as RequestQuery['status'] } };
}

/** Spec defaults: the last 90 days, at most 1000 requests, newest first. */
export function selectRequests(incidents: Iterable<Incident>, q: RequestQuery, now: number): Incident[] {
  const out: Incident[] = [];
  const from = q.start ?? (q.ids ? -Infinity : (q.end ?? now) - 90 * 24 * 3600_000);
  const to = q.end ?? Infinity;
  for (const i of incidents) {
    if (!isPublicRequest(i)) continue;
    if (q.ids && !q.ids.includes(i.id)) continue;
    if (q.codes && !q.codes.includes(i.category)) continue;
    if (i.createdAt < from || i.createdAt > to) continue;
    if (q.status && (q.status === 'open') !== isOpen(i.state)) continue;
    out.push(i);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt).slice(0, 1000);
}
