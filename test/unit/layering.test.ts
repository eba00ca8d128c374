import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering rules of STYLE.md, enforced: a violation fails the build, not a code review.
const files = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
        .map((e) => path.join(e.parentPath, e.name))
    : [];

const importsOf = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);

const resolveTarget = (file: string, spec: string) => (spec.startsWith('.') ? path.relative('.', path.resolve(path.dirname(file), spec)) : spec);

function violations(dir: string, forbidden: (target: string) => boolean) {
  const out: string[] = [];
  for (const f of files(dir)) for (const spec of importsOf(f)) if (forbidden(resolveTarget(f, spec))) out.push(`${f} imports ${spec}`);
  return out;
}

const isNode = (t: string) => t.startsWith('node:') || ['fs', 'path', 'os', 'net', 'http', 'child_process', 'better-sqlite3', 'mqtt', 'aedes', 'ws'].includes(t);
const isUi = (t: string) => t === 'electron' || t.startsWith('react') || t.startsWith('maplibre') || t.startsWith('zustand');
const under = (t: string, ...dirs: string[]) => dirs.some((d) => t === d || t.startsWith(d + '/'));

describe('layering', () => {
  it('shared/ is pure: no Node, Electron, React, adapters, host or renderer', () => {
    expect(violations('shared', (t) => isNode(t) || isUi(t) || under(t, 'adapters', 'electron', 'renderer'))).toEqual([]);
  });
  it('adapters/ know shared/ only, never the host, Electron or the renderer', () => {
    expect(violations('adapters', (t) => isUi(t) || under(t, 'electron', 'renderer'))).toEqual([]);
  });
  it('the host is plain Node: no Electron, React or renderer', () => {
    expect(violations('electron/host', (t) => isUi(t) || under(t, 'renderer', 'electron/main', 'electron/preload'))).toEqual([]);
  });
  it('the preload sees only Electron and the contract', () => {
    expect(violations('electron/preload', (t) => t !== 'electron' && !under(t, 'shared'))).toEqual([]);
  });
  it('the renderer reaches the host only through shared/', () => {
    expect(violations('renderer', (t) => isNode(t) || t === 'electron' || under(t, 'adapters', 'electron'))).toEqual([]);
  });
  it('the check itself sees imports (a rule that cannot fail is no rule)', () => {
    expect(importsOf('electron/host/console-host.ts')).toContain('../../adapters/mqtt/embedded-broker.js');
    expect(resolveTarget('electron/host/console-host.ts', '../../adapters/mqtt/embedded-broker.js')).toBe('adapters/mqtt/embedded-broker.js');
  });
});
