import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPartnerKey, loadPartnerKeys } from './partner-keys.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const keyFile = (content: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-keys-'));
  dirs.push(d);
  const f = path.join(d, 'open311-keys.json');
  fs.writeFileSync(f, content, { mode: 0o644 });
  return f;
};

const FMS = 'fms-3b9f1c2d7e8a4f60';
const COUNCIL = 'council-portal-key-0042';

describe('Open311 partner keys', () => {
  it('hashes with SHA-256, written as sha256:<hex>', () => {
    expect(hashPartnerKey('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads an old file of plain keys and rewrites it hashed, readable by the console alone', () => {
    const f = keyFile(JSON.stringify({ [FMS]: 'FixMyStreet', [COUNCIL]: 'Council portal' }));
    const r = loadPartnerKeys(f);
    expect(r).toMatchObject({ converted: 2, dropped: 0 });
    expect(r.keys.partnerFor(FMS)).toBe('FixMyStreet');
    expect(r.keys.partnerFor(COUNCIL)).toBe('Council portal');
    expect(r.keys.partnerFor('fms-3b9f1c2d7e8a4f6')).toBeUndefined();
    expect(r.keys.partnerFor(hashPartnerKey(FMS))).toBeUndefined();
    const text = fs.readFileSync(f, 'utf8');
    expect(JSON.parse(text)).toEqual({ [hashPartnerKey(FMS)]: 'FixMyStreet', [hashPartnerKey(COUNCIL)]: 'Council portal' });
    expect(text).not.toContain(FMS.slice(0, 6));
    expect(text).not.toContain(COUNCIL.slice(0, 6));
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['open311-keys.json']);

    // Read again: nothing left to convert, and the file is not written.
    const before = fs.statSync(f).mtimeMs;
    const again = loadPartnerKeys(f);
    expect(again).toMatchObject({ converted: 0, dropped: 0 });
    expect(again.keys.partnerFor(FMS)).toBe('FixMyStreet');
    expect(fs.statSync(f).mtimeMs).toBe(before);
  });

  it('adds a plain key written beside hashed ones, and leaves out entries that were never keys', () => {
    const f = keyFile(JSON.stringify({ [hashPartnerKey(FMS)]: 'FixMyStreet', [COUNCIL]: 'Council portal', short: 'Too short', 'no-partner-name': 42, 'empty-partner': ' ' }));
    const r = loadPartnerKeys(f);
    expect(r).toMatchObject({ converted: 1, dropped: 3 });
    expect(r.keys.size).toBe(2);
    expect(r.keys.partnerFor(COUNCIL)).toBe('Council portal');
    expect(r.keys.partnerFor('short')).toBeUndefined();
    expect(Object.keys(JSON.parse(fs.readFileSync(f, 'utf8')) as object)).toEqual([hashPartnerKey(FMS), hashPartnerKey(COUNCIL)]);
  });

  it('says what is wrong with a broken file without quoting any of it', () => {
    const f = keyFile(`{"${FMS}": "FixMyStreet", "${COUNCIL}" "Council"}`);
    let message = '';
    try {
      loadPartnerKeys(f);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/is not valid JSON/);
    expect(message).not.toContain(FMS.slice(0, 4));
    expect(message).not.toContain(COUNCIL.slice(0, 4));
    expect(() => loadPartnerKeys(keyFile('["a"]'))).toThrow(/must be a JSON object/);
    expect(loadPartnerKeys(path.join(os.tmpdir(), 'no-such-beacon-keys.json')).keys.size).toBe(0);
  });
});
