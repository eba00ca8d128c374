import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchAs, signIn, SUPERVISOR_PASSWORD, type TestSession } from './sessions.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The host as users run it: built once to JavaScript (`npm test` builds it first; this catches up after an edit). */
const BUILT_HOST = path.join(ROOT, 'dist/host/cli.mjs');
let built = false;
export function buildHost(): string {
  if (!built) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs'), '--host', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the host failed:\n${r.stdout}${r.stderr}`);
    built = true;
  }
  return BUILT_HOST;
}

/** The headless host as its own process, so a test can kill -9 it like a power cut would. */
export class HostProcess {
  output = '';
  /** The first supervisor's session, signed in as the host became ready. */
  session!: TestSession;
  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static async start(args: string[], timeoutMs = 30_000): Promise<HostProcess> {
    // Plain node on the built host, so the host is this very process and kill -9 hits it.
    const proc = spawn(process.execPath, ['--enable-source-maps', buildHost(), ...args], {
      cwd: ROOT,
      env: { ...process.env, BEACON_SUPERVISOR_PASSWORD: SUPERVISOR_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (b: Buffer) => {
        output += b.toString();
        const m = /ready at (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited with ${code} before it was ready:\n${output}`));
      });
    });
    const h = new HostProcess(proc, url);
    h.output = output;
    proc.stdout!.on('data', (b: Buffer) => (h.output += b.toString()));
    proc.stderr!.on('data', (b: Buffer) => (h.output += b.toString()));
    h.session = await signIn(url);
    return h;
  }

  /** `fetch` on the host with the supervisor's session. */
  fetch(p: string, init: RequestInit = {}): Promise<Response> {
    return fetchAs(this.session)(this.url + p, init);
  }

  async get<T>(p: string): Promise<T> {
    const r = await this.fetch(p);
    const body = (await r.json()) as { ok: boolean; value: T; error?: string };
    if (!body.ok) throw new Error(body.error);
    return body.value;
  }

  async post(p: string, body: unknown): Promise<Response> {
    return this.fetch(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  kill9(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return resolve();
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGKILL');
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return resolve();
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}
