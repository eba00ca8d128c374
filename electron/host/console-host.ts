import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedBroker } from '../../adapters/mqtt/embedded-broker.js';
import { MqttTelemetrySource } from '../../adapters/mqtt/mqtt-telemetry-source.js';
import { demoRoster } from '../../adapters/simulator/demo-roster.js';
import { Simulator } from '../../adapters/simulator/simulator.js';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import type { OperationHandlers } from '../../shared/contract.js';
import type { RosterEntry } from '../../shared/domain/units.js';
import type { FeatureCollection } from '../../shared/geo/geometry.js';
import type { SectorCollection } from '../../shared/geo/sectors.js';
import { ChangeFeed } from './change-feed.js';
import type { HostConfig } from './config.js';
import { ConsoleService } from './console-service.js';
import { type BrokerStatus, createHealthSource, type HealthSource } from './health.js';
import { HostHttpServer } from './http-server.js';
import { createOperationHandlers, type PspoZoneProperties } from './operations.js';
import { TelemetryIngest } from './telemetry-ingest.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_RESOURCES = path.join(REPO_ROOT, 'resources');
export const DEFAULT_RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');

export interface ConsoleHost {
  url: string;
  config: HostConfig;
  service: ConsoleService;
  ingest: TelemetryIngest;
  handlers: OperationHandlers;
  feed: ChangeFeed;
  health: HealthSource;
  telemetry: MqttTelemetrySource;
  http: HostHttpServer;
  brokerUrl: string;
  stop(): Promise<void>;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

export function loadRoster(file: string | null): RosterEntry[] {
  if (!file) return demoRoster();
  const data = readJson<unknown>(file);
  if (!Array.isArray(data)) throw new Error(`The roster ${file} must be a JSON array of units.`);
  return data as RosterEntry[];
}

/**
 * The composition root: journal, state, broker, telemetry, simulator and HTTP, wired together.
 * Electron's main process and the headless CLI both call this; neither adds behaviour of its own.
 */
export async function startConsoleHost(config: HostConfig, opts: { resourcesDir?: string; log?: (s: string) => void } = {}): Promise<ConsoleHost> {
  const log = opts.log ?? ((s: string) => !config.quiet && console.log(s));
  const resources = opts.resourcesDir ?? DEFAULT_RESOURCES;
  const startedAt = Date.now();

  const journal = SqliteJournal.open(config.dataDir);
  const service = new ConsoleService(journal, { batchMs: config.batchMs, snapshotEvery: config.snapshotEvery });
  const r = service.restoreReport;
  log(`Journal ${journal.path}: restored ${service.state.units.size} units and ${service.state.incidents.size} incidents (snapshot at ${r.fromSnapshotSeq}, replayed ${r.replayed} events in ${r.ms.toFixed(0)} ms).`);
  const roster = loadRoster(config.rosterFile);
  service.ensureRoster(roster);

  const sectors = readJson<SectorCollection>(path.join(resources, 'geo', 'sectors.geojson'));
  const pspoZones = readJson<FeatureCollection<PspoZoneProperties>>(path.join(resources, 'geo', 'pspo-zones.geojson'));

  let embedded: EmbeddedBroker | null = null;
  if (!config.mqttUrl) {
    embedded = await EmbeddedBroker.start(0);
    log(`Embedded MQTT broker on ${embedded.url}.`);
  }
  const brokerUrl = config.mqttUrl ?? embedded!.url;
  const telemetry = new MqttTelemetrySource({
    url: brokerUrl,
    topics: [`${config.prefix}/units/+/+`],
    ...(config.mqttClientId && { clientId: config.mqttClientId, persistentSession: true }),
    ...(config.mqttUsername && { username: config.mqttUsername }),
    ...(config.mqttPassword && { password: config.mqttPassword }),
    ...(config.mqttCaFile && { caFile: config.mqttCaFile }),
    ...(config.mqttCertFile && { certFile: config.mqttCertFile }),
    ...(config.mqttKeyFile && { keyFile: config.mqttKeyFile }),
  });
  const broker: BrokerStatus = { url: brokerUrl, embedded: !!embedded, connected: false, lastError: null, since: Date.now() };
  telemetry.onStatus((s) => {
    if (s.connected !== broker.connected) broker.since = Date.now();
    broker.connected = s.connected;
    broker.lastError = s.error;
  });

  const ingest = new TelemetryIngest(service, { prefix: config.prefix, openRoster: config.openRoster });
  let simulator: Simulator | null = null;
  const health = createHealthSource({
    startedAt,
    service,
    ingest,
    broker: () => ({ ...broker }),
    simulator: () => ({ running: simulator?.running ?? false, units: simulator?.unitCount ?? 0 }),
  });
  const handlers = createOperationHandlers({ service, health, sectors, pspoZones });
  const feed = new ChangeFeed(service, health);
  const http = new HostHttpServer({
    host: config.host,
    port: config.port,
    token: config.token,
    rendererDir: config.rendererDir,
    handlers,
    feed,
  });
  await http.listen();
  feed.start();
  await telemetry.start(ingest.handle);
  if (!telemetry.isConnected()) log(`The MQTT broker at ${brokerUrl} is not reachable yet; the console works on what it has and keeps retrying.`);

  if (config.simulator) {
    simulator = new Simulator({ brokerUrl, prefix: config.prefix, roster, sectors });
    await simulator.start();
    log(`Simulator: ${roster.length} officers moving around Peterborough.`);
  }

  let stopped = false;
  return {
    url: http.url,
    config,
    service,
    ingest,
    handlers,
    feed,
    health,
    telemetry,
    http,
    brokerUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await simulator?.stop();
      await telemetry.stop();
      feed.stop();
      await http.close();
      service.close();
      await embedded?.stop();
    },
  };
}
