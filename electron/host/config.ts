import { STALE_AFTER_S } from '../../shared/domain/freshness.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TELEMETRY_PREFIX } from '../../shared/telemetry.js';
import { parseDecimal } from '../../shared/decimal.js';

export interface HostConfig {
  dataDir: string;
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Address to bind. Anything but loopback requires `token`. */
  host: string;
  token: string | null;
  /** Where the token came from, to say so without printing it. */
  tokenSource?: 'BEACON_TOKEN' | '--token';
  /** Host names a LAN deployment is reached by, besides the addresses it is bound to. */
  allowedHosts: string[];
  /** null = run the embedded broker (aedes) on 127.0.0.1. */
  mqttUrl: string | null;
  /**
   * The embedded broker's port. Fixed by default so that gateways on this machine find it again
   * after a restart; 0 picks a free one (tests, several hosts side by side).
   */
  mqttPort: number;
  mqttUsername?: string;
  mqttPassword?: string;
  mqttCaFile?: string;
  mqttCertFile?: string;
  mqttKeyFile?: string;
  mqttClientId?: string;
  /** Subscription QoS: 1 has the broker hold telemetry for a persistent session while the console is away. */
  mqttQos?: 0 | 1;
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
  /** An assignment no device has acknowledged after this many seconds is escalated. */
  ackTimeoutS: number;
  /** Open311 partner API keys (JSON object key hash → partner name); null = `open311-keys.json` in the data dir. */
  open311KeysFile: string | null;
  /** A report this close (metres) and this recent (minutes) to an open incident of its kind is a repeat. */
  linkRadiusM: number;
  linkWindowMin: number;
  /** MapLibre style URL for the console's basemap; null = the bundled offline basemap. */
  mapStyleUrl: string | null;
  /** null = auto: each console picks from its renderer. */
  mapDetail: 'full' | 'reduced' | null;
  /** Where the imported street map and gazetteer are (`npm run import-map`); null = the data folder. */
  mapDataDir?: string | null;
  /** Where online backups of the journal go; null = `backups` in the data folder. */
  backupDir?: string | null;
  /**
   * The first supervisor's password on a new data folder (`BEACON_SUPERVISOR_PASSWORD` or
   * `--supervisor-password-file`); null = generate one into a 0600 file in the data folder.
   */
  supervisorPassword?: string | null;
  /** Minutes without input after which a console locks itself (0 = never). */
  lockAfterMin?: number;
  /** PEM certificate and key for HTTPS (`--tls-cert`, `--tls-key`); without them the host speaks plain HTTP and says so. */
  tlsCertFile?: string | null;
  tlsKeyFile?: string | null;
  /** Origins of the console's own app windows (set by the Electron shell, never a flag): see `HttpServerOptions.appOrigins`. */
  appOrigins?: string[];
  /** Minutes between scheduled backups; 0 = on demand only. */
  backupEveryMin?: number;
  quiet: boolean;
}

export const defaultDataDir = () => path.join(os.homedir(), '.beacon');
/**
 * Not MQTT's usual 1883: that is where an installed mosquitto listens (Debian's package starts it),
 * and Beacon's own tests install mosquitto. 8621 sits beside the console's 8620.
 */
const DEFAULT_MQTT_PORT = 8621;

export function defaultConfig(over: Partial<HostConfig> = {}): HostConfig {
  return {
    dataDir: defaultDataDir(),
    port: 8620,
    host: '127.0.0.1',
    token: null,
    allowedHosts: [],
    mqttUrl: null,
    mqttPort: DEFAULT_MQTT_PORT,
    prefix: DEFAULT_TELEMETRY_PREFIX,
    simulator: true,
    rosterFile: null,
    openRoster: false,
    rendererDir: null,
    batchMs: 25,
    snapshotEvery: 50_000,
    staleAfterS: STALE_AFTER_S,
    ackTimeoutS: 60,
    open311KeysFile: null,
    linkRadiusM: 100,
    linkWindowMin: 120,
    mapStyleUrl: null,
    mapDetail: null,
    quiet: false,
    ...over,
  };
}

const USAGE = `Usage: beacon [options]
  --data-dir DIR     where the journal lives (default ~/.beacon)
  --port N           HTTP port for the console and API (default 8620; 0 = any free port)
  --host ADDR        address to bind (default 127.0.0.1; others need --token)
  --token TOKEN      access token required from clients (or BEACON_TOKEN, which other users cannot see in ps)
  --allowed-host NAME  a name browsers reach the console by on a LAN (repeatable; NAME or NAME:PORT);
                     requests naming any other host are refused
  --mqtt URL         broker URL, e.g. mqtt://broker:1883 or mqtts://… (default: embedded broker)
  --mqtt-port N      the embedded broker's port on 127.0.0.1 (default 8621, kept across restarts so
                     gateways reconnect; 0 = any free port)
  --mqtt-username U --mqtt-password P --mqtt-ca FILE --mqtt-cert FILE --mqtt-key FILE --mqtt-client-id ID
  --mqtt-qos 0|1     subscription QoS (default 0; 1 with --mqtt-client-id keeps telemetry across outages)
  --prefix P         telemetry topic prefix (default beacon/v1)
  --roster FILE      roster JSON (default: the Peterborough demo roster)
  --open-roster      accept telemetry from units not on the roster
  --no-simulator     do not run the demo simulator
  --ack-timeout S    seconds before an unacknowledged assignment is escalated (default 60)
  --open311-keys F   Open311 partner API keys, JSON {"sha256:<hex>": "partner name"}; plain keys are hashed on reading (default DATA_DIR/open311-keys.json)
  --link-radius M --link-window MIN   a report within M metres and MIN minutes of an open incident of the
                     same category is a repeat, linked rather than opened twice (default 100 m, 120 min)
  --map-style URL    MapLibre style URL for the map (default: the bundled offline basemap)
  --map-data DIR     folder holding an imported map (map.mbtiles, gazetteer.sqlite; default: the data folder)
  --map-detail D     auto, full or reduced: map resolution (default auto: 3/4 resolution where WebGL
                     runs on the CPU, e.g. a desk or virtual desktop without a GPU)
  --stale-after S    seconds without a fix before a unit is stale: drawn grey, ranked lower (default 120)
  --backup-dir DIR   where online backups of the journal go (default DATA_DIR/backups)
  --backup-every MIN a backup every MIN minutes while the console runs (default 0: on demand only)
  --supervisor-password-file FILE   on a new data folder, the first supervisor's password (or
                     BEACON_SUPERVISOR_PASSWORD); without either one is generated into DATA_DIR/supervisor-password.txt
  --lock-after MIN   minutes without input before a console locks itself (default 10; 0 = never)
  --tls-cert FILE --tls-key FILE   serve HTTPS with this certificate (PEM); needed for a LAN deployment
  --quiet            log less`;

/** Parses CLI flags; throws an Error with a sentence naming the bad flag. */
export function parseArgs(argv: string[], base: HostConfig = defaultConfig()): HostConfig {
  const c: HostConfig = { ...base, allowedHosts: [...base.allowedHosts] };
  if (process.env.BEACON_SUPERVISOR_PASSWORD) c.supervisorPassword = process.env.BEACON_SUPERVISOR_PASSWORD;
  if (process.env.BEACON_TOKEN) {
    c.token = process.env.BEACON_TOKEN;
    c.tokenSource = 'BEACON_TOKEN';
  }
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
        const n = parseDecimal(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${v}".`);
        c.port = n;
        break;
      }
      case '--host':
        c.host = take();
        break;
      case '--token':
        c.token = take();
        c.tokenSource = '--token';
        break;
      case '--allowed-host': {
        const v = take();
        if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(v))
          throw new Error(`--allowed-host must be a host name or address, optionally with :PORT (e.g. beacon.control-room.lan), not "${v}".`);
        c.allowedHosts.push(v.toLowerCase());
        break;
      }
      case '--mqtt': {
        const v = take();
        if (!/^(mqtts?|wss?|tcp|tls):\/\//.test(v)) throw new Error(`--mqtt must be a broker URL such as mqtt://127.0.0.1:1883, not "${v}".`);
        c.mqttUrl = v;
        break;
      }
      case '--mqtt-port': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--mqtt-port must be a number from 0 to 65535, not "${v}".`);
        c.mqttPort = n;
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
      case '--mqtt-qos': {
        const v = take();
        if (v !== '0' && v !== '1') throw new Error(`--mqtt-qos must be 0 or 1, not "${v}".`);
        c.mqttQos = Number(v) as 0 | 1;
        break;
      }
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
      case '--map-style': {
        const v = take();
        if (!/^(https?:\/\/|pmtiles:\/\/|\.{0,2}\/)/.test(v)) throw new Error(`--map-style must be a style URL (https://…/style.json or a path beginning with / or ./), not "${v}".`);
        c.mapStyleUrl = v;
        break;
      }
      case '--map-data':
        c.mapDataDir = path.resolve(take());
        break;
      case '--map-detail': {
        const v = take();
        if (v !== 'auto' && v !== 'full' && v !== 'reduced') throw new Error(`--map-detail must be auto, full or reduced, not "${v}".`);
        c.mapDetail = v === 'auto' ? null : v;
        break;
      }
      case '--stale-after': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isFinite(n) || n <= 0) throw new Error(`--stale-after must be a number of seconds above 0, not "${v}".`);
        c.staleAfterS = n;
        break;
      }
      case '--ack-timeout': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isFinite(n) || n <= 0) throw new Error(`--ack-timeout must be a number of seconds above 0, not "${v}".`);
        c.ackTimeoutS = n;
        break;
      }
      case '--open311-keys':
        c.open311KeysFile = path.resolve(take());
        break;
      case '--link-radius':
      case '--link-window': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a number above 0, not "${v}".`);
        if (flag === '--link-radius') c.linkRadiusM = n;
        else c.linkWindowMin = n;
        break;
      }
      case '--backup-dir':
        c.backupDir = path.resolve(take());
        break;
      case '--backup-every': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isFinite(n) || n < 0) throw new Error(`--backup-every must be a number of minutes (0 = on demand only), not "${v}".`);
        c.backupEveryMin = n;
        break;
      }
      case '--headless':
        break;
      case '--supervisor-password-file': {
        const file = take();
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (e) {
          throw new Error(`--supervisor-password-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, { cause: e });
        }
        const pw = text.replace(/\r?\n$/, '');
        if (pw.length < 10) throw new Error(`--supervisor-password-file: the password in ${file} must have at least 10 characters.`);
        c.supervisorPassword = pw;
        break;
      }
      case '--lock-after': {
        const v = take();
        const n = parseDecimal(v);
        if (!Number.isFinite(n) || n < 0 || n > 24 * 60) throw new Error(`--lock-after must be a number of minutes from 0 (never) to 1440, not "${v}".`);
        c.lockAfterMin = n;
        break;
      }
      case '--tls-cert':
        c.tlsCertFile = path.resolve(take());
        break;
      case '--tls-key':
        c.tlsKeyFile = path.resolve(take());
        break;
      case '--help':
      case '-h':
        throw Object.assign(new Error(USAGE), { help: true });
      default:
        throw new Error(`Unknown option ${flag}.\n${USAGE}`);
    }
  }
  if (!!c.tlsCertFile !== !!c.tlsKeyFile) throw new Error('--tls-cert and --tls-key go together: give both, or neither for plain HTTP on this machine.');
  if (!isLoopback(c.host) && !c.token)
    throw new Error(`Binding to ${c.host} exposes the console beyond this machine: give an access token with --token or BEACON_TOKEN.`);
  return c;
}

export const isLoopback = (h: string) => h === 'localhost' || h === '::1' || /^127\./.test(h);
