// `npm run import-map -- --tiles DIR|FILE --postcodes FILE [--wards FILE] [--open-names FILE]
// [--addresses FILE] --data-dir DIR`: builds the console's map package and gazetteer.
import path from 'node:path';
import { ImportRefused } from '../../adapters/map-import/csv.js';
import { importMap, type ImportMapOptions } from '../../adapters/map-import/import-map.js';
import { defaultDataDir } from './config.js';

export const IMPORT_USAGE = `Usage: npm run import-map -- --tiles DIR|FILE --postcodes FILE [options]
  --tiles DIR|FILE     vector tiles: a {z}/{x}/{y}.pbf folder with metadata.json, an .mbtiles or a .pmtiles file
  --postcodes FILE     OS Code-Point Open CSV (no header row)
  --wards FILE         ward names, CSV "code,name" (optional: postcodes then show no ward name)
  --open-names FILE    OS Open Names CSV (optional)
  --addresses FILE     LLPG or AddressBase-style address CSV (optional)
  --data-dir DIR       the console's data folder (default ~/.beacon)`;

export function parseImportArgs(argv: string[]): ImportMapOptions {
  const o: Partial<ImportMapOptions> = { dataDir: defaultDataDir() };
  const keys: Record<string, keyof ImportMapOptions> = {
    '--tiles': 'tiles',
    '--postcodes': 'postcodes',
    '--wards': 'wards',
    '--open-names': 'openNames',
    '--addresses': 'addresses',
    '--data-dir': 'dataDir',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? argv[i]!.split(/=(.*)/s) : [argv[i]!, undefined];
    if (flag === '--help' || flag === '-h') throw Object.assign(new Error(IMPORT_USAGE), { help: true });
    const key = keys[flag!];
    if (!key) throw new Error(`Unknown option ${flag}.\n${IMPORT_USAGE}`);
    const v = inline ?? argv[++i];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value.`);
    (o as Record<string, string>)[key] = path.resolve(v);
  }
  if (!o.tiles) throw new Error(`--tiles is required.\n${IMPORT_USAGE}`);
  if (!o.postcodes) throw new Error(`--postcodes is required.\n${IMPORT_USAGE}`);
  return o as ImportMapOptions;
}

export async function runImportMap(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  try {
    const report = await importMap({ ...parseImportArgs(argv), progress: log });
    log(`Imported ${report.tiles} tiles in ${(report.ms / 1000).toFixed(1)} s.`);
    return 0;
  } catch (err) {
    const e = err as Error & { help?: boolean };
    if (e.help) {
      log(e.message);
      return 0;
    }
    log(err instanceof ImportRefused ? `Refused: ${e.message}. The previous map stays in use.` : `Import failed: ${e.message}. The previous map stays in use.`);
    return 1;
  }
}

// Run as a script (`npm run import-map`, or the host's own import from source). By name, not by
// module URL: bundled into the host's cli.mjs, this module's URL is the host's, and the host runs
// the importer as its `import-map` subcommand instead.
if (path.basename(process.argv[1] ?? '').startsWith('import-map.')) process.exitCode = await runImportMap(process.argv.slice(2));
