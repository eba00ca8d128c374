import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Open311 partner API keys, kept as a JSON object `{ "sha256:<64 hex digits>": "Partner name" }`.
 * Only a key's SHA-256 is stored: a copied data folder or backup gives nobody a working key. Keys are
 * long random strings, so a plain hash is enough (no salt or slow hash needed to resist guessing).
 *
 * To add a partner, either put `"the-new-key": "Partner name"` in the file (it is hashed the next
 * time the console reads the file) or write the hash yourself: `printf %s 'the-new-key' | sha256sum`.
 */
const MIN_KEY_LENGTH = 8;
const HASHED = /^sha256:([0-9a-f]{64})$/;

export const hashPartnerKey = (key: string) => `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

export class PartnerKeys {
  private constructor(private readonly entries: readonly { digest: Buffer; partner: string }[]) {}

  static readonly none = new PartnerKeys([]);

  get size(): number {
    return this.entries.length;
  }

  /** The partner a presented key belongs to, compared in constant time against every stored hash. */
  partnerFor(key: string): string | undefined {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: string | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest) && found === undefined) found = e.partner;
    return found;
  }

  static fromHashes(hashes: ReadonlyMap<string, string>): PartnerKeys {
    return new PartnerKeys([...hashes].map(([h, partner]) => ({ digest: Buffer.from(HASHED.exec(h)![1]!, 'hex'), partner })));
  }
}

export interface LoadedKeys {
  keys: PartnerKeys;
  /** Plain keys found and hashed in the file on this read. */
  converted: number;
  /** Entries that are not keys (too short, or no partner name): never accepted, and left out. */
  dropped: number;
  /** Why the hashed file could not be written back; the keys still work from memory. */
  rewriteFailed?: string;
}

/**
 * Reads the key file, hashing any plain keys in it and writing it back (atomically, 0600).
 * Errors are sentences that never quote the file: a JSON parser's message would show part of a key.
 */
export function loadPartnerKeys(file: string): LoadedKeys {
  if (!fs.existsSync(file)) return { keys: PartnerKeys.none, converted: 0, dropped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
    // eslint-disable-next-line preserve-caught-error -- the parse error can quote the file, and the file holds keys.
    throw new Error(`${file} ${why}; it must be a JSON object of "sha256:<hex>": "partner name".`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${file} must be a JSON object of "sha256:<hex>": "partner name".`);
  const hashes = new Map<string, string>();
  let converted = 0;
  let dropped = 0;
  for (const [key, partner] of Object.entries(data)) {
    if (typeof partner !== 'string' || partner.trim() === '') dropped++;
    else if (HASHED.test(key)) hashes.set(key, partner);
    else if (key.length < MIN_KEY_LENGTH) dropped++;
    else {
      hashes.set(hashPartnerKey(key), partner);
      converted++;
    }
  }
  const loaded: LoadedKeys = { keys: PartnerKeys.fromHashes(hashes), converted, dropped };
  if (converted > 0 || dropped > 0) {
    try {
      writeAtomically(file, JSON.stringify(Object.fromEntries(hashes), null, 2) + '\n');
    } catch (err) {
      loaded.rewriteFailed = (err as NodeJS.ErrnoException).code ?? 'error';
    }
  }
  return loaded;
}

function writeAtomically(file: string, text: string) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}
