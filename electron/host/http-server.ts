import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  isReportDocument,
  OPERATIONS,
  type OperationHandlers,
  type OperationName,
  STREAM_PATH,
  type StreamMessage,
} from '../../shared/contract.js';
import type { ChangeFeed } from '../../shared/services/change-feed.js';
import { AllowedHosts, hostRefusal } from './security/hosts.js';
import { crossSiteRefusal, fileBodyFormat, isJson, notJsonOn } from './security/origin.js';
import { signInPage, tokenLanding } from './security/sign-in.js';
import { presentsToken } from './security/token.js';
import type { AccessControl } from '../../shared/auth/access.js';
import type { OperationGate } from '../../shared/auth/gate.js';
import type { Caller } from '../../shared/auth/roles.js';
import type { SignedIn } from '../../shared/auth/schemas.js';
import { clearedSessionCookie, deskOf, sessionCookie, sessionTokenOf } from './security/session-cookie.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean> | boolean;
/** An API route that is not JSON (a camera's JPEG): called only with a signed-in caller. */
export type ApiRouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, caller: Caller) => Promise<boolean> | boolean;

const MAX_BODY = 256 * 1024;
const MAX_FILE_BODY = 1024 * 1024;
/** A console with this much of the stream still unsent is behind: it gets no more batches… */
export const STREAM_BEHIND_AT = 8 * 1024 * 1024;
/** …until its buffer is below this, when a fresh snapshot brings it up to date. */
const STREAM_RESUME_BELOW = 1024 * 1024;
const STREAM_DRAIN_POLL_MS = 100;
const STATUS: Record<string, number> = { invalid: 400, not_found: 404, conflict: 409, unavailable: 503, forbidden: 403, unauthenticated: 401, locked: 423 };
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.woff2': 'font/woff2',
};

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; child-src blob:; connect-src 'self' ws: wss:; media-src 'self' blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export async function readBody(req: http.IncomingMessage, limit = MAX_BODY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error(`Request body is over ${limit} bytes.`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface CompiledRoute {
  name: OperationName;
  method: string;
  pattern: RegExp;
  params: string[];
}

function compile(): CompiledRoute[] {
  return (Object.keys(OPERATIONS) as OperationName[]).map((name) => {
    const op = OPERATIONS[name];
    const params: string[] = [];
    const src = op.path.replace(/:([a-zA-Z]+)/g, (_, p: string) => {
      params.push(p);
      return '([^/]+)';
    });
    return { name, method: op.method, pattern: new RegExp(`^${src}$`), params };
  });
}

export interface HttpServerOptions {
  host: string;
  port: number;
  token: string | null;
  rendererDir: string | null;
  /** Names a LAN deployment is reached by, besides the addresses it is bound to (`--allowed-host`). */
  allowedHosts?: readonly string[];
  handlers: OperationHandlers;
  /** Roles, refusals and audited reads: every operation goes through it. */
  gate: Pick<OperationGate, 'invoke'>;
  /** Sessions: who a request is from, one-time sign-in links, and sessions ended elsewhere. */
  access: Pick<AccessControl, 'resolve' | 'redeemOneTimeLink' | 'redeemStreamTicket' | 'onSessionEnded'>;
  /**
   * Origins of the console's own app windows (Electron's `beacon://console`), which no web page can
   * have: accepted on a camera socket that brings a stream ticket, nowhere else.
   */
  appOrigins?: readonly string[];
  /** PEM certificate and key: HTTPS; absent, plain HTTP. */
  tls?: { cert: Buffer; key: Buffer } | null;
  feed: Pick<ChangeFeed, 'snapshot' | 'subscribe'>;
  /**
   * Extra routes (Open311…) tried before the contract's, after the Host check only: they are public
   * contracts of their own, called from other sites on purpose, with their own keys.
   */
  routes?: RouteHandler[];
  /** Routes that belong to the console itself (the street map's tiles and fonts): same sign-in as its pages. */
  consoleRoutes?: RouteHandler[];
  /** API routes that answer other than JSON (a camera's JPEG): after the same Origin and session checks. */
  apiRoutes?: ApiRouteHandler[];
  /** WebSocket paths besides the live stream (a camera's video): after the same Host, Origin and session checks. */
  sockets?: (url: URL, caller: Caller) => ((ws: WebSocket) => void) | null;
}

/** The host's HTTP face: the contract's routes, the live stream, and the built renderer. */
export class HostHttpServer {
  private server: http.Server | null = null;
  /** Open sockets per session, closed the moment the session ends (signed out, ended by a supervisor). */
  private readonly socketsOf = new Map<string, Set<WebSocket>>();
  private wss: WebSocketServer | null = null;
  private hosts: AllowedHosts | null = null;
  private readonly compiled = compile();
  readonly extraRoutes: RouteHandler[];

  constructor(private readonly opts: HttpServerOptions) {
    this.extraRoutes = [...(opts.routes ?? [])];
  }

  get url(): string {
    const a = this.server!.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `${this.opts.tls ? 'https' : 'http'}://${host}:${a.port}`;
  }

  async listen(): Promise<void> {
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((err: Error & { status?: number }) => {
        // A route that decodes a malformed escape itself is the client's mistake, not the host's.
        if (err instanceof URIError) err.status = 400;
        if (!res.headersSent) sendJson(res, err.status ?? 500, { ok: false, error: err instanceof URIError ? MALFORMED : err.message });
        else res.end();
      });
    };
    const tls = this.opts.tls;
    const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, listener) : http.createServer(listener);
    this.server = server;
    this.opts.access.onSessionEnded((id) => {
      for (const ws of this.socketsOf.get(id) ?? []) ws.close(4401, 'The session has ended: sign in again.');
      this.socketsOf.delete(id);
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    server.on('upgrade', (req, socket, head) => {
      const refuse = (status: string, sentence: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(sentence)}\r\n\r\n${sentence}`);
        socket.destroy();
      };
      const host = this.hosts!.check(req.headers.host);
      if (!host) return refuse('421 Misdirected Request', hostRefusal(req.headers.host));
      const target = urlOf(req.url);
      // A camera's socket may come with a one-use ticket instead of the cookie: from the console's
      // own app window (Electron), whose page is not on this origin. The live stream never does.
      const ticket = target && target.pathname !== STREAM_PATH ? target.searchParams.get('ticket') : null;
      const crossSite = crossSiteRefusal(req, host, ticket !== null ? (this.opts.appOrigins ?? []) : []);
      if (crossSite) return refuse('403 Forbidden', crossSite);
      const caller = ticket !== null ? this.opts.access.redeemStreamTicket(ticket) : this.opts.access.resolve(sessionTokenOf(req));
      if (!caller) return refuse('401 Unauthorized', ticket !== null ? STALE_TICKET : UNAUTHORISED);
      const attach = target?.pathname === STREAM_PATH ? (ws: WebSocket) => this.attachStream(ws) : target && this.opts.sockets?.(target, caller);
      if (!attach) return refuse('404 Not Found', `The only streams are ${STREAM_PATH} and each camera's video.`);
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        const id = caller.sessionId!;
        const open = this.socketsOf.get(id) ?? new Set<WebSocket>();
        this.socketsOf.set(id, open.add(ws));
        ws.on('close', () => {
          open.delete(ws);
          if (open.size === 0 && this.socketsOf.get(id) === open) this.socketsOf.delete(id);
        });
        attach(ws);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.hosts = new AllowedHosts(this.opts.host, (server.address() as AddressInfo).port, this.opts.allowedHosts);
  }

  private attachStream(ws: WebSocket) {
    const feed = this.opts.feed;
    const send = (text: string) => ws.readyState === ws.OPEN && ws.send(text);
    send(JSON.stringify(feed.snapshot()));
    // A console that cannot keep up (a slow link, a frozen tab) is not sent an ever-growing queue:
    // batches stop while its buffer is over the mark, and once it has drained it is sent a fresh
    // snapshot, which replaces its state, so nothing it missed is lost for good.
    let waitingToDrain: ReturnType<typeof setInterval> | null = null;
    const resynchronise = () => {
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount > STREAM_RESUME_BELOW) return;
      clearInterval(waitingToDrain!);
      waitingToDrain = null;
      send(JSON.stringify(feed.snapshot()));
    };
    let cache: { m: StreamMessage; text: string } | null = null;
    const unsubscribe = feed.subscribe((m) => {
      if (waitingToDrain) return;
      if (ws.bufferedAmount >= STREAM_BEHIND_AT) {
        waitingToDrain = setInterval(resynchronise, STREAM_DRAIN_POLL_MS);
        return;
      }
      if (cache?.m !== m) cache = { m, text: JSON.stringify(m) };
      send(cache.text);
    });
    const detach = () => {
      unsubscribe();
      if (waitingToDrain) clearInterval(waitingToDrain);
      waitingToDrain = null;
    };
    ws.on('close', detach);
    ws.on('error', detach);
  }

  /** The deployment's access token (`--token`), where one is set: a gate on the console's pages before anyone signs in. */
  private authorised(req: http.IncomingMessage): boolean {
    return !this.opts.token || presentsToken(req, this.opts.token);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    res.setHeader('x-content-type-options', 'nosniff');
    const host = this.hosts!.check(req.headers.host);
    if (!host) return sendJson(res, 421, { ok: false, error: hostRefusal(req.headers.host) });
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const route of this.extraRoutes) if (await route(req, res, url)) return;
    if (!wellFormed(url.pathname)) return sendJson(res, 400, { ok: false, error: MALFORMED });
    if (url.pathname.startsWith('/api/')) {
      const crossSite = crossSiteRefusal(req, host);
      if (crossSite) return sendJson(res, 403, { ok: false, error: crossSite });
      if (req.method === 'POST' && !isJson(req) && !fileBodyFormat(req, url.pathname))
        return sendJson(res, 415, { ok: false, error: notJsonOn(url.pathname) });
      const caller = this.opts.access.resolve(sessionTokenOf(req));
      if (caller) for (const route of this.opts.apiRoutes ?? []) if (await route(req, res, url, caller)) return;
      return this.handleApi(req, res, url, caller);
    }
    // A one-time sign-in link (printed at start): a session cookie, then the same address without the code.
    const code = url.searchParams.get('signin');
    if (code !== null && (req.method === 'GET' || req.method === 'HEAD')) return this.redeem(req, res, url, code);
    const token = this.opts.token;
    if (token && (req.method === 'GET' || req.method === 'HEAD')) {
      if (tokenLanding(req, res, url, token)) return;
      if (!this.authorised(req)) return signInPage(res, url);
    } else if (!this.authorised(req)) return signInPage(res, url);
    for (const route of this.opts.consoleRoutes ?? []) if (await route(req, res, url)) return;
    return this.serveStatic(req, res, url);
  }

  private async redeem(req: http.IncomingMessage, res: http.ServerResponse, url: URL, code: string) {
    const r = await this.opts.access.redeemOneTimeLink(code, deskOf(req));
    const clean = new URL(url.href);
    clean.searchParams.delete('signin');
    const target = '/' + (clean.pathname + clean.search).replace(/^[/\\]+/, '');
    const headers: Record<string, string> = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', location: target };
    // A used or expired link lands on the console's own sign-in form, which says so.
    if (r.ok) headers['set-cookie'] = sessionCookie(r.value.token, !!this.opts.tls);
    res.writeHead(303, headers);
    res.end();
  }

  private async handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, caller: Caller | null) {
    for (const r of this.compiled) {
      const m = r.pattern.exec(url.pathname);
      if (!m) continue;
      if (req.method !== r.method) {
        if (this.compiled.some((o) => o.method === req.method && o.pattern.test(url.pathname))) continue;
        return sendJson(res, 405, { ok: false, error: `${req.method} is not allowed on ${url.pathname}.` });
      }
      let raw: Record<string, unknown> = {};
      const fileFormat = r.method === 'POST' ? fileBodyFormat(req, url.pathname) : null;
      if (fileFormat) {
        // A file sent as it is (a camera registry): the body is the file, the rest is in the query.
        raw = { ...Object.fromEntries(url.searchParams), format: fileFormat, text: await readBody(req, MAX_FILE_BODY) };
      } else if (r.method === 'POST') {
        const text = await readBody(req);
        try {
          raw = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          return sendJson(res, 400, { ok: false, error: 'The request body is not valid JSON.' });
        }
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
          return sendJson(res, 400, { ok: false, error: 'The request body must be a JSON object.' });
      } else {
        raw = Object.fromEntries(url.searchParams);
      }
      r.params.forEach((p, i) => (raw[p] = decodeURIComponent(m[i + 1]!)));
      const result = await this.opts.gate.invoke(r.name, raw, caller, deskOf(req));
      // A browser keeps its session in an HttpOnly cookie; a script uses the token in the answer.
      if (result.ok && r.name === 'signIn') res.setHeader('set-cookie', sessionCookie((result.value as SignedIn).token, !!this.opts.tls));
      if (result.ok && r.name === 'signOut') res.setHeader('set-cookie', clearedSessionCookie(!!this.opts.tls));
      // A report is sent as the file itself, unless the caller asked for JSON only (the console's client).
      if (result.ok && isReportDocument(result.value) && req.headers.accept !== 'application/json') {
        const d = result.value.document;
        res.writeHead(200, {
          'content-type': d.contentType,
          'content-disposition': `inline; filename="${d.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          'cache-control': 'no-store',
          // A report is printed, never run: no scripts, nothing fetched.
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        });
        return res.end(Buffer.from(d.body, d.encoding));
      }
      const status = result.ok ? (r.method === 'POST' && r.name.startsWith('create') ? 201 : 200) : (STATUS[result.code ?? 'invalid'] ?? 400);
      return sendJson(res, status, result);
    }
    return sendJson(res, 404, { ok: false, error: `No API route ${url.pathname}.` });
  }

  private serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const root = this.opts.rendererDir;
    if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The console has not been built: run "npm run build:renderer". The API is at /api/health.');
      return;
    }
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || !path.extname(rel)) rel = '/index.html';
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(path.resolve(root) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': rel === '/index.html' ? 'no-store' : 'public, max-age=3600',
    };
    if (rel === '/index.html') headers['content-security-policy'] = CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  }

  async close(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }
}

const UNAUTHORISED = 'Sign in first: the stream needs an operator session (POST /api/session, then its cookie or Authorization: Bearer <token>).';
const STALE_TICKET = 'That video ticket has been used, has expired or was never issued: ask for a new one (POST /api/session/ticket).';
const MALFORMED = 'The address has a malformed % escape.';

/** A request target as a URL, or null when it cannot be read as one. */
function urlOf(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

function wellFormed(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
