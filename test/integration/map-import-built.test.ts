import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MapImportStatus } from '../../shared/contract.js';
import type { Place } from '../../shared/places/types.js';
import { HostProcess } from '../support/host-process.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES } from '../support/mapdata.js';

describe.skipIf(!hasMapData)('the built host imports a map from the console', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-built-import-'));
  let host: HostProcess | undefined;
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the importer as its own import-map subcommand, refusing a bad file, then importing', async () => {
    host = await HostProcess.start(['--port', '0', '--data-dir', dir, '--no-simulator']);
    // The importer is bundled into the host: starting the host must not start it too.
    expect(host.output).not.toMatch(/Import failed|Refused|Usage: npm run import-map/);
    const finished = async () => {
      for (let i = 0; i < 600; i++) {
        const s = await host!.get<MapImportStatus>('/api/map/import');
        if (s.state !== 'running') return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the import never finished');
    };
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '"PE1 1HA",10,519240,nowhere,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n');
    expect((await host.post('/api/map/import', { tiles: REAL_TILES, postcodes: bad })).status).toBe(200);
    expect(await finished()).toMatchObject({ state: 'refused', error: `Refused: ${bad} line 1: northing "nowhere" is not a number. The previous map stays in use.` });
    expect((await host.post('/api/map/import', { tiles: REAL_TILES, postcodes: REAL_POSTCODES })).status).toBe(200);
    expect((await finished()).state).toBe('done');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await host.get<Place[]>('/api/places?q=pe11ha&limit=1'))[0]).toMatchObject({ kind: 'postcode', name: 'PE1 1HA' });
  }, 120_000);
});
