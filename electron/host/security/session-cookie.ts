import type http from 'node:http';
import { cookie } from './token.js';

const SESSION_COOKIE = 'beacon_session';

/** The session token a request carries: `Authorization: Bearer` (scripts) or the cookie (browsers). */
export function sessionTokenOf(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return cookie(req, SESSION_COOKIE);
}

// HttpOnly: no script on the page can read it. Strict: never sent with a request another site started.
export const sessionCookie = (token: string, secure: boolean) =>
  `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
export const clearedSessionCookie = (secure: boolean) => `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;

/** Where a request comes from, as a sign-in records the desk. */
export function deskOf(req: http.IncomingMessage): string {
  const addr = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  const ua = req.headers['user-agent'] ?? '';
  const kind = /Electron/.test(ua) ? 'Electron' : /Mozilla/.test(ua) ? 'browser' : 'script';
  return `${kind} ${addr}`;
}
