import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering is enforced by ESLint (test/lint/eslint.config.js, rule `beacon/layering`). These
// cases put small files in each layer and show the rule refusing every way of importing across a
// boundary — a rule that cannot fail is no rule — and letting the allowed ones through.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'beacon/layering';
let eslint: ESLint;
beforeAll(() => {
  // Only the layering rule runs here; npm test runs the whole lint.
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'test/lint/eslint.config.js'), ruleFilter: ({ ruleId }) => ruleId === RULE });
});

/** The layering messages ESLint gives for `code` as if it were the file `file`. */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const refused = async (file: string, code: string) => expect(await layering(file, code), `${file}: ${code}`).toHaveLength(1);
const allowed = async (file: string, code: string) => expect(await layering(file, code), `${file}: ${code}`).toEqual([]);

describe('layering, enforced by ESLint', () => {
  it('shared/ is pure: no Node, Electron, React, adapters, host or renderer — however it is imported', async () => {
    const f = 'shared/domain/probe.ts';
    await refused(f, "import 'node:fs';");
    await refused(f, "import fs from 'fs';");
    await refused(f, "const fs = require('fs');");
    await refused(f, "export async function f() { return import('electron'); }");
    await refused(f, "import { useState } from 'react';");
    await refused(f, "export { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';");
    await refused(f, "export * from '../../electron/host/config.js';");
    await refused(f, "import type { App } from '../../renderer/src/App.js';");
    await refused(f, "import 'maplibre-gl';");
    await refused(f, "export type App = import('electron').App;");
    await refused(f, "export const m = await import(`../../adapters/mqtt/embedded-broker.js`);");
    await refused(f, "const name = 'node:fs';\nexport const m = await import(name);");
    await refused('shared/domain/probe.mjs', "import '../../electron/host/cli.js';");
    await refused('shared/domain/probe.js', "require('node:path');");
    await allowed(f, "import { z } from 'zod';\nimport type { Point } from 'geojson';\nimport { rankUnits } from '../dispatch/ranking.js';\nexport * from '../events.js';\nexport type E = import('../events.js').JournalEvent;");
  });

  it('adapters/ reach shared/ and Node, never the host, Electron or the renderer', async () => {
    const f = 'adapters/mqtt/probe.ts';
    await refused(f, "import '../../electron/host/config.js';");
    await refused(f, "const { app } = require('electron');");
    await refused(f, "void import('../../renderer/src/App.js');");
    await refused(f, "import 'react';");
    await refused('adapters/sqlite-journal/probe.worker.mjs', "import { app } from 'electron';");
    await allowed(f, "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { JournalError } from '../../shared/ports.js';\nimport '../sqlite-journal/migrations.js';");
  });

  it('the host is plain Node: shared/ and adapters/, no Electron shell, React or renderer', async () => {
    const f = 'electron/host/probe.ts';
    await refused(f, "import { app } from 'electron';");
    await refused(f, "import '../main/main.js';");
    await refused(f, "export { } from '../preload/preload.js';");
    await refused(f, "import { createRoot } from 'react-dom/client';");
    await refused(f, "const App = await import('../../renderer/src/App.js');");
    await allowed(f, "import http from 'node:http';\nimport { WebSocketServer } from 'ws';\nimport { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';\nimport { OPERATIONS } from '../../shared/contract.js';\nimport './config.js';");
  });

  it('the Electron main process uses the host and shared/, not adapters or the renderer', async () => {
    const f = 'electron/main/probe.ts';
    await refused(f, "import '../../adapters/mqtt/embedded-broker.js';");
    await refused(f, "import 'react';");
    await allowed(f, "import { app } from 'electron';\nimport path from 'node:path';\nimport { startConsoleHost } from '../host/console-host.js';\nimport { IPC } from '../../shared/contract.js';");
  });

  it('the preload sees only Electron and the contract', async () => {
    const f = 'electron/preload/probe.ts';
    await refused(f, "import 'node:fs';");
    await refused(f, "import { parseArgs } from '../host/config.js';");
    await refused(f, "const z = require('zod');");
    await allowed(f, "import { contextBridge, ipcRenderer } from 'electron';\nimport { IPC } from '../../shared/contract.js';");
  });

  it('the renderer reaches the host only through shared/', async () => {
    const f = 'renderer/src/probe.tsx';
    await refused(f, "import 'node:fs';");
    await refused(f, "const fs = require('fs');");
    await refused(f, "void import('electron');");
    await refused(f, "import Database from 'better-sqlite3';");
    await refused(f, "import '../../adapters/mqtt/embedded-broker.js';");
    await refused(f, "export { parseArgs } from '../../electron/host/config.js';");
    await allowed(f, "import { useState } from 'react';\nimport * as maplibregl from 'maplibre-gl';\nimport 'maplibre-gl/dist/maplibre-gl.css';\nimport { OPERATIONS } from '../../shared/contract.js';\nimport './styles.css';");
  });

  it('tests beside the code may use Node and test libraries', async () => {
    await allowed('shared/domain/probe.test.ts', "import fs from 'node:fs';\nimport { it } from 'vitest';");
  });

  it('the real tree keeps the layering', async () => {
    const results = await eslint.lintFiles(['shared', 'adapters', 'electron', 'renderer']);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(broken).toEqual([]);
    expect(results.length).toBeGreaterThan(100);
  }, 60_000);
});
