import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

const TOKEN_COOKIE = 'beacon_token';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares in constant time: digests have equal lengths whatever was sent, so neither the
 * content nor the length of the token leaks through how long a refusal takes.
 */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (given === null || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

export function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null;
    }
  }
  return null;
}

/** The header (scripts, gateways) or the cookie (browsers). Never the query string, which ends up in histories and logs. */
export function presentsToken(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ') && tokensMatch(header.slice(7), token)) return true;
  return tokensMatch(cookie(req, TOKEN_COOKIE), token);
}

// Strict: the browser never sends it with a request another site started.
export const tokenCookie = (token: string) => `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
