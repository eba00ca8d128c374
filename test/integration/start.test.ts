import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const hasElectron = (() => {
  try {
    return fs.existsSync(createRequire(import.meta.url)('electron') as string);
  } catch {
    return false;
  }
})();

interface Started {
  out: string;
  url: string;
  /** The one-time sign-in link the host printed. */
  link: string;
  /** A session cookie got by following that link, as the dispatcher's browser would. */
  cookie(): Promise<string>;
  stop: () => Promise<void>;
}

function runUntilReady(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--mqtt-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 90 s:\n${out}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /ready at (http:\/\/\S+)/.exec(out);
      const link = /one-time link .*: (http:\/\/\S+)/.exec(out);
      if (m && link) {
        clearTimeout(timer);
        let cookie: Promise<string> | null = null;
        resolve({
          out,
          url: m[1]!,
          link: link[1]!,
          cookie: () =>
            (cookie ??= fetch(link[1]!, { redirect: 'manual' }).then((r) => {
              const c = r.headers.get('set-cookie');
              if (!c) throw new Error(`the sign-in link set no cookie (${r.status})`);
              return c.split(';')[0]!;
            })),
          stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited ${code}:\n${out}`))));
  });
}

describe('npm start / npm run serve', () => {
  it.skipIf(hasElectron)('without an Electron binary, says so in one sentence and serves the console to a browser', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-start-'));
    const s = await runUntilReady(['--data-dir', dir, '--port', '0', '--no-simulator']);
    try {
      expect(s.out).toMatch(/Electron is not installed on this machine .* serving the same console to your browser instead\./);
      const page = await fetch(s.url + '/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(await page.text()).toMatch(/<div id="root"/);
      // Straight into a working console: the printed one-time link signs this browser in as the first supervisor…
      expect((await fetch(s.url + '/api/health')).status).toBe(401);
      const follow = await fetch(s.link, { redirect: 'manual' });
      expect(follow.status).toBe(303);
      expect(follow.headers.get('location')).toBe('/');
      const cookie = follow.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^beacon_session=[^;]+; HttpOnly; SameSite=Strict/);
      const health = (await (await fetch(s.url + '/api/health', { headers: { cookie: cookie.split(';')[0]! } })).json()) as { ok: boolean; value: { journal: { path: string } } };
      expect(health.value.journal.path).toBe(path.join(dir, 'journal.sqlite'));
      // …once: the same link again sets nothing, and is no reusable secret.
      const again = await fetch(s.link, { redirect: 'manual' });
      expect(again.headers.get('set-cookie')).toBeNull();
      // The first supervisor's password was generated into a file only this user can read, and the log says where.
      const file = path.join(dir, 'supervisor-password.txt');
      expect(s.out).toContain(file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(s.out).not.toContain(password);
      const signIn = await fetch(s.url + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password }) });
      expect(signIn.status).toBe(200);
    } finally {
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serve runs the headless host on purpose, with the embedded broker and simulator by default', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-serve-'));
    const s = await runUntilReady(['--headless', '--data-dir', dir, '--port', '0']);
    try {
      expect(s.out).not.toMatch(/Electron is not installed/);
      expect(s.out).toMatch(/Embedded MQTT broker/);
      let units: { fix: unknown; statusTs: number; status: string }[] = [];
      for (let i = 0; i < 50 && units.filter((u) => u.fix && u.statusTs > 0).length < 112; i++) {
        await new Promise((r) => setTimeout(r, 100));
        units = ((await (await fetch(s.url + '/api/units', { headers: { cookie: await s.cookie() } })).json()) as { value: typeof units }).value;
      }
      expect(units.filter((u) => u.fix)).toHaveLength(112);
      // Every simulated officer has reported a status too (a few start off duty).
      expect(units.filter((u) => u.statusTs > 0)).toHaveLength(112);
      expect(units.some((u) => u.status === 'off_duty')).toBe(true);
    } finally {
      await s.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the host built to JavaScript, rebuilding it only when a source is newer than the build', async () => {
    const built = path.join(process.cwd(), 'dist/host/cli.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-built-'));
    const serve = async () => {
      const s = await runUntilReady(['--headless', '--data-dir', dir, '--port', '0', '--no-simulator']);
      expect((await fetch(s.url + '/api/health', { headers: { cookie: await s.cookie() } })).status).toBe(200);
      await s.stop();
      return s.out;
    };
    try {
      // A build older than every source (as after a pull or an edit) is rebuilt before the host starts.
      if (fs.existsSync(built)) fs.utimesSync(built, new Date('2000-01-01'), new Date('2000-01-01'));
      expect(await serve()).toMatch(/Built dist\/host\/cli\.mjs/);
      const mtime = fs.statSync(built).mtimeMs;
      expect(mtime).toBeGreaterThan(new Date('2001-01-01').getTime());
      // Nothing changed since: the same build runs, nothing is compiled.
      expect(await serve()).not.toMatch(/Built /);
      expect(fs.statSync(built).mtimeMs).toBe(mtime);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unwritable data folder at once, with the reason', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bad-')), 'plain-file');
    fs.writeFileSync(file, '');
    const child = spawn(process.execPath, ['scripts/start.mjs', '--headless', '--data-dir', path.join(file, 'data'), '--port', '0', '--mqtt-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (out += b));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).not.toBe(0);
    expect(out).toMatch(/Beacon could not start: The journal cannot be written/);
  });

  it('says plainly when the port or the data folder is already taken', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-taken-'));
    const first = await runUntilReady(['--headless', '--data-dir', dir, '--port', '0', '--no-simulator']);
    const port = new URL(first.url).port;
    const attempt = async (args: string[]) => {
      const child = spawn(process.execPath, ['scripts/start.mjs', '--headless', '--no-simulator', '--mqtt-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      child.stderr.on('data', (b: Buffer) => (out += b));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      return { code, out };
    };
    try {
      const samePort = await attempt(['--data-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-other-')), '--port', port]);
      expect(samePort.code).not.toBe(0);
      expect(samePort.out).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
      const sameDir = await attempt(['--data-dir', dir, '--port', '0']);
      expect(sameDir.code).not.toBe(0);
      expect(sameDir.out).toMatch(/is in use by another Beacon \(process \d+\)\. Stop that process/);
      expect(sameDir.out).not.toMatch(/--data-dir/);
    } finally {
      await first.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
