import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';


export const hasMosquitto = () => fs.existsSync('/usr/sbin/mosquitto') || fs.existsSync('/usr/bin/mosquitto');
const mosquittoBin = () => (fs.existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto');

async function waitForPort(port: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A real mosquitto on a free loopback port, started and stopped by the test. */
export class Mosquitto {
  private proc: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly conf: string,
  ) {}

  get url() {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** `persistence`: sessions and queued QoS 1 messages survive a stop/resume, as on a production broker. */
  static async start(port?: number, opts: { persistence?: boolean } = {}): Promise<Mosquitto> {
    const p = port ?? (await freePort());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-mosq-'));
    const conf = path.join(dir, 'mosquitto.conf');
    const persistence = opts.persistence ? `persistence true\npersistence_location ${dir}/\n` : 'persistence false\n';
    // Started as root, mosquitto drops to its own user, which must be able to write the session store.
    if (opts.persistence) fs.chmodSync(dir, 0o777);
    fs.writeFileSync(conf, `listener ${p} 127.0.0.1\nallow_anonymous true\n${persistence}max_queued_messages 100000\n`);
    const m = new Mosquitto(p, conf);
    await m.resume();
    return m;
  }

  /** Starts (again) on the same port, as a broker coming back after an outage would. */
  async resume(): Promise<void> {
    this.proc = spawn(mosquittoBin(), ['-c', this.conf], { stdio: 'ignore' });
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  }
}
