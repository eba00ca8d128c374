import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TELEMETRY_PREFIX } from '../../shared/telemetry.js';

export interface HostConfig {
  dataDir: string;
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Address to bind. Anything but loopback requires `token`. */
  host: string;
  token: string | null;
  /** null = run the embedded broker (aedes) on 127.0.0.1. */
  mqttUrl: string | null;
  mqttUsername?: string;
  mqttPassword?: string;
  mqttCaFile?: string;
  mqttCertFile?: string;
  mqttKeyFile?: string;
  mqttClientId?: string;
  prefix: string;
  simulator: boolean;
  /** A closed roster drops telemetry from unknown units; an open one adds them. */
  rosterFile: string | null;
  openRoster: boolean;
  /** Where the built renderer lives; null serves the API only. */
  rendererDir: string | null;
  /** Telemetry is committed in batches at most this old. */
  batchMs: number;
  snapshotEvery: number;
  staleAfterS: number;
  quiet: boolean;
}

export const defaultDataDir = () => path.join(os.homedir(), '.beacon');

export function defaultConfig(over: Partial<HostConfig> = {}): HostConfig {
  return {
    dataDir: defaultDataDir(),
    port: 8620,
    host: '127.0.0.1',
    token: null,
    mqttUrl: null,
    prefix: DEFAULT_TELEMETRY_PREFIX,
    simulator: true,
    rosterFile: null,
    openRoster: false,
    rendererDir: null,
    batchMs: 50,
    snapshotEvery: 50_000,
    staleAfterS: 120,
    quiet: false,
    ...over,
  };
}

export const USAGE = `Usage: beacon [options]
  --data-dir DIR     where the journal lives (default ~/.beacon)
  --port N           HTTP port for the console and API (default 8620; 0 = any free port)
  --host ADDR        address to bind (default 127.0.0.1; others need --token)
  --token TOKEN      access token required from clients (or BEACON_TOKEN)
  --mqtt URL         broker URL, e.g. mqtt://broker:1883 or mqtts://… (default: embedded broker)
  --mqtt-username U --mqtt-password P --mqtt-ca FILE --mqtt-cert FILE --mqtt-key FILE --mqtt-client-id ID
  --prefix P         telemetry topic prefix (default beacon/v1)
  --roster FILE      roster JSON (default: the Peterborough demo roster)
  --open-roster      accept telemetry from units not on the roster
  --no-simulator     do not run the demo simulator
  --quiet            log less`;

/** Parses CLI flags; throws an Error with a sentence naming the bad flag. */
export function parseArgs(argv: string[], base: HostConfig = defaultConfig()): HostConfig {
  const c: HostConfig = { ...base };
  if (process.env.BEACON_TOKEN) c.token = process.env.BEACON_TOKEN;
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--data-dir':
        c.dataDir = path.resolve(take());
        break;
      case '--port': {
        const v = take();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${v}".`);
        c.port = n;
        break;
      }
      case '--host':
        c.host = take();
        break;
      case '--token':
        c.token = take();
        break;
      case '--mqtt': {
        const v = take();
        if (!/^(mqtts?|wss?|tcp|tls):\/\//.test(v)) throw new Error(`--mqtt must be a broker URL such as mqtt://127.0.0.1:1883, not "${v}".`);
        c.mqttUrl = v;
        break;
      }
      case '--mqtt-username':
        c.mqttUsername = take();
        break;
      case '--mqtt-password':
        c.mqttPassword = take();
        break;
      case '--mqtt-ca':
        c.mqttCaFile = take();
        break;
      case '--mqtt-cert':
        c.mqttCertFile = take();
        break;
      case '--mqtt-key':
        c.mqttKeyFile = take();
        break;
      case '--mqtt-client-id':
        c.mqttClientId = take();
        break;
      case '--prefix':
        c.prefix = take().replace(/\/+$/, '');
        break;
      case '--roster':
        c.rosterFile = path.resolve(take());
        break;
      case '--open-roster':
        c.openRoster = true;
        break;
      case '--no-simulator':
        c.simulator = false;
        break;
      case '--quiet':
        c.quiet = true;
        break;
      case '--headless':
        break;
      default:
        throw new Error(`Unknown option ${flag}.\n${USAGE}`);
    }
  }
  if (!isLoopback(c.host) && !c.token)
    throw new Error(`Binding to ${c.host} exposes the console beyond this machine: give an access token with --token or BEACON_TOKEN.`);
  return c;
}

export const isLoopback = (h: string) => h === 'localhost' || h === '::1' || /^127\./.test(h);
