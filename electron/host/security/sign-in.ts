import type http from 'node:http';
import { tokenCookie, tokensMatch } from './token.js';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** One leading slash: `//evil.example/` in a Location or a form's action is another site. */
const ownPath = (p: string) => '/' + p.replace(/^[/\\]+/, '');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP, ...extra });
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Beacon: sign in</title>
<body style="font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em">${body}</body></html>`);
}

/**
 * What a browser without the token's cookie gets instead of the console: what is needed and how
 * to give it. Assets get a plain 401 (a script tag cannot show a form).
 */
export function signInPage(res: http.ServerResponse, url: URL, wrongToken = false): void {
  if (/\.[a-z0-9]+$/i.test(url.pathname) && !url.pathname.endsWith('.html')) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('This Beacon console needs its access token: open the console page first and sign in there.');
    return;
  }
  page(
    res,
    401,
    `<h1>Beacon</h1>
<p>${wrongToken ? 'That access token was not accepted. ' : ''}This console needs its access token: the one given to the host with
<code>--token</code> or <code>BEACON_TOKEN</code> when it was started. Ask whoever runs the console host.</p>
<form method="get" action="${escape(ownPath(url.pathname))}"><label>Access token <input name="token" type="password" autocomplete="off" autofocus></label>
<button>Sign in</button></form>`,
  );
}

/**
 * `?token=` in a console address (a link, a bookmark, the form above): sets the cookie and goes to
 * the same address without the token, so the token leaves the address bar and history at once.
 * Answers true when it has answered the request.
 */
export function tokenLanding(req: http.IncomingMessage, res: http.ServerResponse, url: URL, token: string): boolean {
  const given = url.searchParams.get('token');
  if (given === null) return false;
  if (!tokensMatch(given, token)) {
    signInPage(res, url, true);
    return true;
  }
  const clean = new URL(url.href);
  clean.searchParams.delete('token');
  const target = ownPath(clean.pathname + clean.search);
  const cookie = { 'set-cookie': tokenCookie(token), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    // A SameSite=Strict cookie is not sent on a redirect the other site started, so the redirect
    // would land on the sign-in page; a navigation by this page of ours carries it.
    page(res, 200, `<p><a href="${escape(target)}">Opening the console…</a></p>`, { ...cookie, refresh: `0; url=${target}` });
    return true;
  }
  res.writeHead(303, { ...cookie, location: target });
  res.end();
  return true;
}
