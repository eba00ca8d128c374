import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AccessCrypto } from '../../../shared/auth/access.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt as OWASP recommends it (N=2^17, r=8, p=1): about 0.1–0.3 s a guess here. */
const COST = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * Node's own scrypt (OpenSSL's), with a random salt per password, stored with its parameters so
 * they can be raised later without locking anyone out: `scrypt$N$r$p$salt$hash` in base64url.
 */
export const accessCrypto: AccessCrypto = {
  async hashPassword(password) {
    const salt = randomBytes(16);
    const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, COST);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
  },
  async verifyPassword(password, stored) {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64url');
    const cost = { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem };
    const key = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, cost);
    return timingSafeEqual(key, expected);
  },
  secret: () => randomBytes(32).toString('base64url'),
  digest: (token) => createHash('sha256').update(token, 'utf8').digest('base64url'),
};
