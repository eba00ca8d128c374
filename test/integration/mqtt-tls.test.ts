import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, parseArgs } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { freePort } from '../support/free-port.js';
import { hasMosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';

const has = (bin: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const skip = !hasMosquitto()
  ? 'mosquitto is not installed: the TLS test needs a real broker'
  : !has('openssl') || !has('mosquitto_passwd')
    ? 'openssl and mosquitto_passwd are needed to make the test certificates and password file'
    : null;
if (skip) console.warn(`skipped: ${skip}`);


/** A throwaway CA, a broker certificate for 127.0.0.1 and a console client certificate. */
function makePki(dir: string) {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Beacon test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const [name, cn, ext] of [
    ['server', 'localhost', ['-extfile', 'san.ext']],
    ['client', 'beacon-console', []],
  ] as const) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.pem`, ...ext);
  }
  execFileSync('mosquitto_passwd', ['-b', '-c', path.join(dir, 'passwd'), 'console', 'correct horse'], { stdio: 'ignore' });
  // Started as root, mosquitto drops to its own user: it must be able to read its key and passwords.
  fs.chmodSync(dir, 0o755);
  for (const f of ['server.key', 'passwd']) fs.chmodSync(path.join(dir, f), 0o644);
  return { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'client.pem'), key: path.join(dir, 'client.key') };
}

// Broker restarts and TLS handshakes take longer than the usual ten seconds on a loaded machine.
const untilLong: typeof until = (what, fn, ms = 15_000) => until(what, fn, ms);

describe.skipIf(skip !== null)('MQTT over TLS with client certificate and password (mosquitto)', () => {
  let dir: string;
  let broker: ChildProcess;
  let port: number;
  let pki: ReturnType<typeof makePki>;
  const hosts: ConsoleHost[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-tls-'));
    pki = makePki(dir);
    port = await freePort();
    fs.writeFileSync(
      path.join(dir, 'mosquitto.conf'),
      [
        `listener ${port} 127.0.0.1`,
        `cafile ${pki.ca}`,
        `certfile ${path.join(dir, 'server.pem')}`,
        `keyfile ${path.join(dir, 'server.key')}`,
        'require_certificate true',
        'allow_anonymous false',
        `password_file ${path.join(dir, 'passwd')}`,
        'persistence false',
        '',
      ].join('\n'),
    );
    broker = spawn(fs.existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
  });

  afterAll(async () => {
    for (const h of hosts) await h.stop();
    if (broker && broker.exitCode === null) await new Promise<void>((resolve) => (broker.once('exit', () => resolve()), broker.kill('SIGTERM')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (argv: string[]) => {
    const config = parseArgs(['--data-dir', fs.mkdtempSync(path.join(dir, 'data-')), '--port', '0', '--mqtt-port', '0', '--no-simulator', '--quiet', ...argv], defaultConfig());
    const h = await startConsoleHost(config);
    hosts.push(h);
    return h;
  };

  // The flags a real deployment gives the console for a TLS broker with client certificates.
  const tlsFlags = (password: string) => [
    '--mqtt', `mqtts://127.0.0.1:${port}`,
    '--mqtt-ca', pki.ca,
    '--mqtt-cert', pki.cert,
    '--mqtt-key', pki.key,
    '--mqtt-username', 'console',
    '--mqtt-password', password,
  ];

  it('connects with the CLI flags (CA, client certificate, password, client id) and takes telemetry', async () => {
    const host = await start([...tlsFlags('correct horse'), '--mqtt-client-id', 'beacon-control-room-1']);
    await untilLong('the TLS connection', () => host.health().broker.connected);
    const device = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
      ca: fs.readFileSync(pki.ca),
      cert: fs.readFileSync(pki.cert),
      key: fs.readFileSync(pki.key),
      username: 'console',
      password: 'correct horse',
    });
    await device.publishAsync('beacon/v1/units/pc01/location', JSON.stringify({ ts: Date.now(), lat: 52.5726, lon: -0.2421 }));
    await untilLong('the fix over TLS', () => host.service.unit('pc01' as never)?.fix?.lat === 52.5726);
    await device.endAsync();
  });

  it('shows the refusal plainly when the password is wrong, and keeps working', async () => {
    const host = await start(tlsFlags('wrong'));
    const h = await untilLong('a broker error', () => (host.health().broker.lastError ? host.health() : false));
    expect(h.broker.connected).toBe(false);
    expect(h.broker.lastError).toMatch(/Not authorized|Bad username or password/i);
    expect(h.journal.healthy).toBe(true);
  });

  it('refuses a broker whose certificate the CA did not sign', async () => {
    const other = path.join(dir, 'other-ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Someone else', '-keyout', path.join(dir, 'other.key'), '-out', other], { stdio: 'ignore' });
    const host = await start(['--mqtt', `mqtts://127.0.0.1:${port}`, '--mqtt-ca', other, '--mqtt-cert', pki.cert, '--mqtt-key', pki.key, '--mqtt-username', 'console', '--mqtt-password', 'correct horse']);
    const h = await untilLong('a TLS error', () => (host.health().broker.lastError ? host.health() : false));
    expect(h.broker.connected).toBe(false);
    expect(h.broker.lastError).toMatch(/certificate/i);
  });
});
