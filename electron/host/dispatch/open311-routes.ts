import type http from 'node:http';
import path from 'node:path';
import {
  isPublicRequest,
  type Open311Error,
  parseRequestQuery,
  parseServiceRequest,
  readRequestFields,
  selectRequests,
  services,
  toServiceRequest,
  toXml,
} from '../../../adapters/open311/georeport.js';
import { loadPartnerKeys, type PartnerKeys } from '../../../adapters/open311/partner-keys.js';
import { incidentId } from '../../../shared/domain/ids.js';
import type { ConsoleService } from '../../../shared/services/console-service.js';
import { readBody, type RouteHandler } from '../http-server.js';
import { locateServiceRequest } from '../../../adapters/open311/locate.js';
import type { Place } from '../../../shared/places/types.js';
import type { DispatchDesk } from '../../../shared/dispatch/dispatch-desk.js';

const OPEN311_BASE = '/open311/v2';
const OPEN311_KEYS_FILE = 'open311-keys.json';

type Format = 'json' | 'xml';

function send(res: http.ServerResponse, status: number, format: Format, body: unknown, xml: () => string) {
  const text = format === 'json' ? JSON.stringify(body) : xml();
  res.writeHead(status, {
    'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
    'cache-control': 'no-store',
    // Public reporting sites call this from their own pages.
    'access-control-allow-origin': '*',
  });
  res.end(text);
}

const sendErrors = (res: http.ServerResponse, format: Format, errors: Open311Error[]) =>
  send(res, errors[0]!.code, format, errors, () => toXml('errors', 'error', errors));

export interface Open311RouteDeps {
  service: ConsoleService;
  desk: DispatchDesk;
  keysFile: string;
  log?: (s: string) => void;
  /** Places a written address through the imported gazetteer (null: not found; undefined: none imported). */
  locate?: (text: string) => Place | null | undefined;
}

/** Open311 GeoReport v2 on the host's HTTP server: its own public contract, outside `/api`. */
export function open311Routes(deps: Open311RouteDeps): RouteHandler {
  const { service, desk } = deps;
  /**
   * Read at start (so plain keys are hashed at once) and on every POST, so a new partner needs no
   * restart. What is logged names the file and counts, never a key or part of one.
   */
  const readKeys = (): PartnerKeys => {
    const r = loadPartnerKeys(deps.keysFile);
    if (r.converted) deps.log?.(`Open311 keys: ${r.converted} plain key(s) in ${deps.keysFile} are now stored hashed.`);
    if (r.dropped) deps.log?.(`Open311 keys: ${r.dropped} entr${r.dropped === 1 ? 'y' : 'ies'} in ${deps.keysFile} left out: a key needs 8+ characters and a partner name.`);
    if (r.rewriteFailed) deps.log?.(`Open311 keys: ${deps.keysFile} could not be rewritten hashed (${r.rewriteFailed}); plain keys stay in it until it can.`);
    return r.keys;
  };
  try {
    readKeys();
  } catch (err) {
    deps.log?.(`Open311 keys: ${(err as Error).message}`);
  }
  return async (req, res, url) => {
    if (!url.pathname.startsWith(OPEN311_BASE + '/')) return false;
    const rest = url.pathname.slice(OPEN311_BASE.length + 1);
    const m = /^(services|requests|requests\/([^/]+)|services\/([^/]+))\.(json|xml)$/.exec(rest);
    const format: Format = m?.[4] === 'xml' ? 'xml' : 'json';
    if (!m) {
      sendErrors(res, format, [{ code: 404, description: `no Open311 resource ${url.pathname}` }]);
      return true;
    }
    const method = req.method ?? 'GET';
    if (m[1] === 'services' && method === 'GET') {
      const list = services();
      send(res, 200, format, list, () => toXml('services', 'service', list));
      return true;
    }
    if (m[3] !== undefined && method === 'GET') {
      // Services carry no extra attributes (metadata false), so there are no definitions to give.
      sendErrors(res, format, [{ code: 404, description: `service ${decodeURIComponent(m[3])} has no definition: metadata is false` }]);
      return true;
    }
    if (m[2] !== undefined && method === 'GET') {
      const found = service.incident(incidentId(decodeURIComponent(m[2])));
      const i = found && isPublicRequest(found) ? found : undefined;
      if (!i) sendErrors(res, format, [{ code: 404, description: `no service request ${decodeURIComponent(m[2]).slice(0, 64)}` }]);
      else send(res, 200, format, [toServiceRequest(i)], () => toXml('service_requests', 'request', [toServiceRequest(i)]));
      return true;
    }
    if (m[1] === 'requests' && method === 'GET') {
      const q = parseRequestQuery(url.searchParams);
      if (!q.ok) sendErrors(res, format, q.errors);
      else {
        const rows = selectRequests(service.state.incidents.values(), q.value, service.now()).map(toServiceRequest);
        send(res, 200, format, rows, () => toXml('service_requests', 'request', rows));
      }
      return true;
    }
    if (m[1] === 'requests' && method === 'POST') {
      await postRequest(req, res, format);
      return true;
    }
    res.setHeader('allow', m[1] === 'requests' ? 'GET, POST' : 'GET');
    sendErrors(res, format, [{ code: 405, description: `${method} is not allowed on ${url.pathname}` }]);
    return true;
  };

  async function postRequest(req: http.IncomingMessage, res: http.ServerResponse, format: Format) {
    const refuse = (errors: Open311Error[]) => {
      desk.reports.counters.open311.refused++;
      sendErrors(res, format, errors);
    };
    let text: string;
    try {
      text = await readBody(req, 64 * 1024);
    } catch (err) {
      return refuse([{ code: 413, description: (err as Error).message }]);
    }
    const fields = readRequestFields(req.headers['content-type'], text);
    if (!fields) return refuse([{ code: 400, description: 'the body is neither a form (application/x-www-form-urlencoded) nor a JSON object' }]);
    let keys: PartnerKeys;
    try {
      keys = readKeys();
    } catch (err) {
      deps.log?.(`Open311 keys: ${(err as Error).message}`);
      return refuse([{ code: 503, description: 'partner keys cannot be read; reports are refused until they are fixed' }]);
    }
    if (!fields.api_key) return refuse([{ code: 403, description: 'api_key is required' }]);
    const partner = keys.partnerFor(fields.api_key);
    if (!partner) return refuse([{ code: 403, description: 'api_key is not valid' }]);
    // A report with an address but no coordinates is placed through the gazetteer first.
    const located = locateServiceRequest(fields, deps.locate);
    if (!located.ok) return refuse(located.errors);
    const parsed = parseServiceRequest(located.fields);
    if (!parsed.ok) return refuse(parsed.errors);
    const p = parsed.value;
    const r = await desk.reports.intake({
      category: p.category,
      location: { lat: p.lat, lon: p.lon },
      description: p.description,
      ...(p.address && { address: p.address }),
      source: 'open311',
      reportedBy: `open311:${partner}`.slice(0, 64),
      at: service.now(),
    });
    if (!r.ok) return refuse([{ code: 503, description: r.error }]);
    if (r.value.linked) desk.reports.counters.open311.linked++;
    else desk.reports.counters.open311.accepted++;
    const notice = r.value.linked
      ? `Thank you: this matches a report we already have (${r.value.incident.ref}, ${r.value.incident.reports} reports), and officers are dealing with it.`
      : `Thank you: reference ${r.value.incident.ref} has been passed to the joint enforcement control room.`;
    const body = [{ service_request_id: r.value.incident.id, service_notice: notice, account_id: null }];
    send(res, 200, format, body, () => toXml('service_requests', 'request', body));
  }
}

export const defaultOpen311KeysFile = (dataDir: string) => path.join(dataDir, OPEN311_KEYS_FILE);
