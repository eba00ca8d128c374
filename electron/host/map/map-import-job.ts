import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MapImportStatus } from '../../../shared/contract.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { MapImporter, MapImportRequest } from '../../../shared/places/places-operations.js';


const KEEP_LINES = 200;
const FLAGS: [keyof MapImportRequest, string][] = [
  ['tiles', '--tiles'],
  ['postcodes', '--postcodes'],
  ['wards', '--wards'],
  ['openNames', '--open-names'],
  ['addresses', '--addresses'],
];

/**
 * How to run `import-map` beside this host: the built host (dist/host/cli.mjs, which Electron's
 * bundle sits beside in dist-electron/) carries it as a subcommand; run from source (tests,
 * `npm run dev`), the TypeScript entry through tsx.
 */
function importCommand(): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  const env = { ...process.env, ...(process.versions.electron && { ELECTRON_RUN_AS_NODE: '1' }) };
  if (here.endsWith('.ts')) return { command: process.execPath, args: ['--import', 'tsx', path.join(dir, '..', 'import-map.ts')], env };
  const cli = path.basename(dir) === 'host' ? path.join(dir, 'cli.mjs') : path.resolve(dir, '..', 'dist', 'host', 'cli.mjs');
  return { command: process.execPath, args: [cli, 'import-map'], env };
}

/**
 * A map import started from the console's settings. It runs as its own process, so reading
 * hundreds of tiles and indexing a gazetteer never stalls the host's telemetry and stream; its
 * progress lines are kept for the console to show. The importer writes the new package beside
 * the old one and renames it into place only when whole, so the map in use changes only then.
 */
export class MapImportJob implements MapImporter {
  private child: ReturnType<typeof spawn> | null = null;
  private status: MapImportStatus = { state: 'idle', lines: [], error: null, startedAt: null, finishedAt: null, by: null };

  constructor(
    /** Where the map package goes; null where this host keeps no map (nothing can be imported). */
    private readonly dataDir: string | null,
    private readonly log: (s: string) => void = () => {},
  ) {}

  /**
   * Stops an import still running when the host stops: the importer's temporary files are left
   * behind unrenamed, so the map in use is the one there was.
   */
  stop(): void {
    this.child?.kill('SIGTERM');
    this.child = null;
  }

  get(): MapImportStatus {
    return { ...this.status, lines: [...this.status.lines] };
  }

  start(r: MapImportRequest): Result<MapImportStatus> {
    if (this.status.state === 'running') return fail('An import is already running: wait for it to finish.', 'conflict');
    if (!this.dataDir) return fail('This host keeps no map data.', 'unavailable');
    for (const [key] of FLAGS) {
      const p = r[key];
      if (p && !fs.existsSync(p)) return fail(`There is no file or folder at ${p} on the host (${key}).`, 'invalid');
    }
    const args = FLAGS.flatMap(([key, flag]) => (r[key] ? [flag, r[key]] : []));
    const { command, args: base, env } = importCommand();
    const child = spawn(command, [...base, ...args, '--data-dir', this.dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.status = { state: 'running', lines: [], error: null, startedAt: Date.now(), finishedAt: null, by: r.operator };
    this.log(`Map import started by ${r.operator}: ${args.join(' ')}`);
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.trim()) this.status.lines.push(line.trim());
      if (this.status.lines.length > KEEP_LINES) this.status.lines.splice(0, this.status.lines.length - KEEP_LINES);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const finish = (code: number | null, err?: Error) => {
      this.child = null;
      if (this.status.state !== 'running') return;
      if (pending.trim()) this.status.lines.push(pending.trim());
      const last = this.status.lines.at(-1) ?? '';
      this.status.finishedAt = Date.now();
      if (code === 0) this.status.state = 'done';
      else {
        // The importer's last line says why: "Refused: pe.csv line 2: easting "east" is not a number. …"
        this.status.state = /^Refused:/.test(last) ? 'refused' : 'failed';
        this.status.error = err?.message ?? (last || `the importer stopped (exit ${code})`);
      }
      this.log(`Map import ${this.status.state}${this.status.error ? `: ${this.status.error}` : ''}.`);
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (code) => finish(code));
    return ok(this.get());
  }
}
