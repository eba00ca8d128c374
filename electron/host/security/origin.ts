import type http from 'node:http';

/**
 * Why a request from a browser must be refused because another site sent it, or null.
 *
 * The console's own pages send an Origin equal to the address they were loaded from; any other
 * Origin (another local port, a public site, `null` from a sandboxed frame) is another site using
 * the dispatcher's browser. Without Origin (a plain GET, an image, a link) browsers still say where
 * a request came from in Sec-Fetch-Site. Requests with neither header come from curl, scripts and
 * gateways, which a web page cannot forge; the token rules still apply to them.
 *
 * @param host the request's Host, already checked against the names the console answers to
 * @param appOrigins the console's own app windows' origins, where the caller allows them
 */
export function crossSiteRefusal(req: http.IncomingMessage, host: string, appOrigins: readonly string[] = []): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const o = origin.toLowerCase();
    if (o === `http://${host}` || o === `https://${host}` || appOrigins.includes(o)) return null;
    return `Refused: this request came from another web site (${origin}); the console's API answers only its own pages.`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return "Refused: the browser says this request came from another web site; the console's API answers only its own pages.";
  return null;
}

/**
 * A browser can send a cross-site POST without asking first only as text/plain, a form or
 * multipart; requiring JSON means such a request never reaches a handler.
 */
export function isJson(req: http.IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

const NOT_JSON = 'The request body must be JSON sent with Content-Type: application/json.';

/**
 * Routes that take a file as it is, and the types they take. None is a type a page may send
 * cross-site without asking first (those are text/plain, forms and multipart), so the reason for
 * requiring JSON holds for them too; the Origin checks apply as to every API route.
 */
const FILE_BODIES = new Map<string, Map<string, string>>([
  ['/api/cameras/import', new Map([['text/csv', 'csv'], ['application/geo+json', 'geojson']])],
]);

/** The format a file route's body is in (`csv`, `geojson`), or null where JSON is required. */
export function fileBodyFormat(req: http.IncomingMessage, pathname: string): string | null {
  const type = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  return (type !== undefined && FILE_BODIES.get(pathname)?.get(type)) || null;
}

export const notJsonOn = (pathname: string) => {
  const types = FILE_BODIES.get(pathname);
  return types ? `The request body must be sent with Content-Type: ${[...types.keys(), 'application/json'].join(', ')}.` : NOT_JSON;
};
