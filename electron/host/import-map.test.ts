import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasMapData, REAL_POSTCODES, REAL_TILES } from '../../test/support/mapdata.js';
import { parseImportArgs, runImportMap } from './import-map.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-import-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run import-map', () => {
  it('names a missing or unknown flag', () => {
    expect(() => parseImportArgs(['--postcodes', 'pe.csv'])).toThrow(/^--tiles is required/);
    expect(() => parseImportArgs(['--tiles', 't', '--postcodes'])).toThrow('--postcodes needs a value.');
    expect(() => parseImportArgs(['--tiles', 't', '--postcodes', 'p', '--colour', 'red'])).toThrow(/^Unknown option --colour/);
    expect(parseImportArgs(['--tiles=t', '--postcodes', 'p', '--data-dir', dir])).toMatchObject({ tiles: path.resolve('t'), postcodes: path.resolve('p'), dataDir: dir });
  });

  it.skipIf(!hasMapData)('prints its progress, and refuses a bad file with its line, exit status 1, the previous map kept', async () => {
    const lines: string[] = [];
    expect(await runImportMap(['--tiles', REAL_TILES, '--postcodes', REAL_POSTCODES, '--data-dir', dir], (l) => lines.push(l))).toBe(0);
    expect(lines).toContain('Postcodes: 27,692 read.');
    expect(lines.at(-1)).toMatch(/^Imported 544 tiles in \d+\.\d s\.$/);
    const before = fs.statSync(path.join(dir, 'gazetteer.sqlite')).mtimeMs;

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '"PE1 1HA",10,519240,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n"NOT A POSTCODE",10,1,2,"","","","","",""\n');
    const out: string[] = [];
    expect(await runImportMap(['--tiles', REAL_TILES, '--postcodes', bad, '--data-dir', dir], (l) => out.push(l))).toBe(1);
    expect(out.at(-1)).toBe(`Refused: ${bad} line 2: "NOT A POSTCODE" is not a postcode. The previous map stays in use.`);
    expect(fs.statSync(path.join(dir, 'gazetteer.sqlite')).mtimeMs).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['bad.csv', 'gazetteer.sqlite', 'map.mbtiles']);
  });
});
