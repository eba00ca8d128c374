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
import { unitId } from '../../shared/domain/ids.js';
import { activeAllocations } from '../../shared/domain/incidents.js';
import { isOpen } from '../../shared/domain/lifecycle.js';
import type { FeatureCollection } from '../../shared/geo/geometry.js';
import type { SectorCollection } from '../../shared/geo/sectors.js';
import { routeTopic } from '../../shared/wire/topics.js';
import { ChangeFeed } from '../../shared/services/change-feed.js';
import { type HostConfig, isLoopback } from './config.js';
import { ConsoleService } from '../../shared/services/console-service.js';
import { type BrokerStatus, createHealthSource, type HealthSource } from '../../shared/services/health.js';
import { HostHttpServer } from './http-server.js';
import { createOperationHandlers, type PspoZoneProperties } from '../../shared/services/operations.js';
import { TelemetryIngest } from '../../shared/services/telemetry-ingest.js';
import { DispatchDesk } from '../../shared/dispatch/dispatch-desk.js';
import { defaultOpen311KeysFile, open311Routes } from './dispatch/open311-routes.js';
import { parsePspoZones } from '../../shared/dispatch/pspo.js';
import { intakeTopic } from '../../shared/dispatch/intake.js';
import { checkCameras } from '../../shared/cctv/registry.js';
import { CameraCredentialStore } from './cctv/credentials.js';
import { registryOf } from '../../shared/cctv/cctv-operations.js';
import { createPtzHandlers } from './cctv/ptz-operations.js';
import { snapshotRoute, videoSockets } from './cctv/cctv-routes.js';
import { StreamHub } from './cctv/stream-hub.js';
import { GatewayRouter, gatewayTopics } from './safety/gateways.js';
import { mqttSettingsFor } from './mqtt-settings.js';
import { withoutPassword } from '../../shared/services/secrets.js';
import { MapPackage } from './map/map-package.js';
import { MapImportJob } from './map/map-import-job.js';
import { mapRoutes, streetMapSettings } from './map/map-routes.js';
import { locateAddress } from '../../shared/places/locate.js';
import { JournalBackups } from './journal-backups.js';
import { keepDebriefPack } from './major/debrief-files.js';
import { debriefHtml, debriefPdf } from '../../adapters/report/debrief-report.js';
import { methaneHtml } from '../../adapters/report/methane-report.js';
import { SqliteAccessStore } from '../../adapters/sqlite-access/access-store.js';
import { AccessControl, FIRST_SUPERVISOR } from '../../shared/auth/access.js';
import { createAccessHandlers } from '../../shared/auth/access-operations.js';
import { OperationGate } from '../../shared/auth/gate.js';
import { accessCrypto } from './security/passwords.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_RESOURCES = path.join(REPO_ROOT, 'resources');
export const DEFAULT_RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');

export interface ConsoleHost {
  url: string;
  config: HostConfig;
  service: ConsoleService;
  ingest: TelemetryIngest;
  handlers: OperationHandlers;
  dispatch: DispatchDesk;
  feed: ChangeFeed;
  health: HealthSource;
  telemetry: MqttTelemetrySource;
  /** OwnTracks and TETRA radio gateways. */
  gateways: GatewayRouter;
  http: HostHttpServer;
  /** Camera video: each RTSP stream pulled once, fanned out to its viewers. */
  streams: StreamHub;
  /** The imported street map and gazetteer (absent files: the schematic map, no gazetteer). */
  map: MapPackage;
  /** Online backups of the journal, scheduled and on demand. */
  backups: JournalBackups;
  /** Operators and sessions. */
  access: AccessControl;
  /** Every operation's way in (HTTP and IPC): roles checked, refusals and sensitive reads journaled. */
  gate: OperationGate;
  /**
   * A one-time address that signs a browser in as the first supervisor (used once, within ten
   * minutes); what `npm start` prints, as notebook servers do. Never a reusable secret.
   */
  oneTimeSignIn(): string;
  brokerUrl: string;
  stop(): Promise<void>;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function loadRoster(file: string | null): RosterEntry[] {
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
  const cameraList = checkCameras(readJson<unknown>(path.join(resources, 'cameras', 'peterborough-cctv.json')));
  if (!cameraList.ok) throw new Error(`resources/cameras/peterborough-cctv.json: ${cameraList.error}`);

  let embedded: EmbeddedBroker | null = null;
  if (!config.mqttUrl) {
    embedded = await EmbeddedBroker.start(config.mqttPort);
    log(`Embedded MQTT broker on ${embedded.url}.`);
  }
  const brokerUrl = config.mqttUrl ?? embedded!.url;
  const telemetry = new MqttTelemetrySource(
    mqttSettingsFor(config, brokerUrl, [
      `${config.prefix}/units/+/+`,
      `${config.prefix}/units/+/assignment/ack`,
      intakeTopic(config.prefix),
      ...gatewayTopics(config.prefix),
    ]),
  );
  const broker: BrokerStatus = { url: brokerUrl, embedded: !!embedded, connected: false, lastError: null, since: Date.now() };
  telemetry.onStatus((s) => {
    if (s.connected !== broker.connected) broker.since = Date.now();
    broker.connected = s.connected;
    broker.lastError = s.error;
  });

  const ingest = new TelemetryIngest(service, { prefix: config.prefix, openRoster: config.openRoster });
  const gateways = new GatewayRouter(service, ingest, { prefix: config.prefix });
  let simulator: Simulator | null = null;
  const health = createHealthSource({
    startedAt,
    service,
    ingest,
    broker: () => ({ ...broker, queuedOutgoing: telemetry.queuedOutgoing }),
    simulator: () => ({ running: simulator?.running ?? false, units: simulator?.unitCount ?? 0 }),
    gateways: () => gateways.stats,
  });
  const bundledZones = parsePspoZones(pspoZones);
  if (!bundledZones.ok) throw new Error(`resources/geo/pspo-zones.geojson: ${bundledZones.error}`);
  const mapPackage = new MapPackage(config.mapDataDir ?? config.dataDir);
  if (mapPackage.tileSet()) log(`Street map: imported tiles and gazetteer from ${mapPackage.dir}.`);
  const mapImport = new MapImportJob(mapPackage.dir, log);
  const dispatch = new DispatchDesk({
    service,
    roads: () => mapPackage.roads(),
    defaultZones: bundledZones.value,
    prefix: config.prefix,
    publish: (topic, payload, o) => telemetry.publish(topic, payload, o),
    ackTimeoutMs: config.ackTimeoutS * 1000,
    rejectTelemetry: (reason, detail, topic) => ingest.reject(reason, detail, topic),
    repeat: { linkRadiusM: config.linkRadiusM, linkWindowMs: config.linkWindowMin * 60_000 },
    // One stale age for the map and for recommendations: a unit drawn stale is ranked as stale.
    ranking: { staleFixMs: config.staleAfterS * 1000 },
    log,
  });
  const backups = new JournalBackups(journal, config.backupDir ?? path.join(config.dataDir, 'backups'), config.backupEveryMin ?? 0, log);
  const credentials = new CameraCredentialStore(config.dataDir);
  const cameraById = (id: string) => registryOf(service, cameraList.cameras).find((c) => c.id === id);
  const cameraAudit = new Set<Promise<unknown>>();
  const streams = new StreamHub({
    camera: cameraById,
    credentials,
    // ICE offers the console's own loopback address when it serves only this machine; else the LAN's.
    webrtc: { ...(isLoopback(config.host) && { address: '127.0.0.1' }) },
    log,
    // Viewing is audited; a journal that cannot take the record is reported, the picture is not withheld.
    viewed: (cameraId, by, started, where) => {
      const p = service.commit({ type: 'camera.viewed', cameraId, at: service.now(), by, started, where }).then((r) => !r.ok && log(`Could not journal a camera view: ${r.error}`));
      cameraAudit.add(p);
      void p.finally(() => cameraAudit.delete(p));
    },
  });
  const accessStore = new SqliteAccessStore(config.dataDir);
  const access = new AccessControl({
    store: accessStore,
    crypto: accessCrypto,
    commit: (e) => service.commit(e),
    now: () => service.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    lockAfterMin: config.lockAfterMin ?? 10,
  });
  const first = await access.ensureFirstSupervisor(config.supervisorPassword ?? null);
  if (first.generated) {
    const file = path.join(config.dataDir, 'supervisor-password.txt');
    fs.writeFileSync(file, first.generated + '\n', { mode: 0o600 });
    log(`First operator "${FIRST_SUPERVISOR}" created; its password is in ${file} (readable by this user only). Sign in with it, create the control room's operators, then delete the file.`);
  } else if (first.created) log(`First operator "${FIRST_SUPERVISOR}" created with the password given${process.env.BEACON_SUPERVISOR_PASSWORD ? ' in BEACON_SUPERVISOR_PASSWORD' : ''}.`);
  const handlers = createOperationHandlers({
    // Read when a ticket is asked for, after the server listens.
    access: createAccessHandlers(access, journal, () => service.now(), () => `${http.url}/`),
    dispatch,
    service,
    health,
    sectors,
    pspoZones,
    settings: {
      mapStyleUrl: config.mapStyleUrl,
      staleAfterS: config.staleAfterS,
      mapDetail: config.mapDetail,
      // Read when asked, so a console reloaded after an import draws the new map; left out
      // (undefined) where nothing is imported.
      get streetMap() {
        return streetMapSettings(mapPackage) ?? undefined;
      },
    },
    cameras: cameraList.cameras,
    cctv: { credentials, streamState: (id) => streams.state(id), removed: (id) => streams.forget(id) },
    ptz: createPtzHandlers({ service, credentials, camera: cameraById }),
    gazetteer: () => mapPackage.gazetteer(),
    mapImport,
    major: {
      chainHead: () => journal.chainHead(),
      publish: (topic, payload, o) => telemetry.publish(topic, payload, o),
      prefix: config.prefix,
      keepDebrief: keepDebriefPack(path.join(config.dataDir, 'debriefs'), log),
      report: { html: debriefHtml, pdf: debriefPdf, methaneHtml },
      log,
    },
    integrity: { verify: () => journal.verify(), backups },
  });
  const feed = new ChangeFeed(service, health);
  const gate = new OperationGate({ handlers, commit: (e) => service.commit(e), now: () => service.now() });
  const tls = config.tlsCertFile && config.tlsKeyFile ? { cert: fs.readFileSync(config.tlsCertFile), key: fs.readFileSync(config.tlsKeyFile) } : null;
  const http = new HostHttpServer({
    gate,
    access,
    tls,
    appOrigins: config.appOrigins ?? [],
    host: config.host,
    port: config.port,
    token: config.token,
    allowedHosts: config.allowedHosts,
    rendererDir: config.rendererDir,
    handlers,
    feed,
    consoleRoutes: [mapRoutes(mapPackage)],
    apiRoutes: [
      snapshotRoute({
        camera: cameraById,
        credentials,
        viewed: async (caller, cameraId) => (await service.commit({ type: 'record.viewed', what: 'snapshot', subject: cameraId, at: service.now(), by: caller.operator })).ok,
      }),
    ],
    sockets: videoSockets(streams),
    routes: [open311Routes({ service, desk: dispatch, keysFile: config.open311KeysFile ?? defaultOpen311KeysFile(config.dataDir), log, locate: (text) => (mapPackage.gazetteer().size ? locateAddress(mapPackage.gazetteer(), text) : undefined) })],
  });
  await http.listen();
  if (!tls && !isLoopback(config.host))
    log(`WARNING: the console is served over plain HTTP on ${config.host}: passwords and video cross the network unencrypted. Give it a certificate with --tls-cert and --tls-key.`);
  feed.start();
  // The road network's search structures take a few hundred milliseconds to build: built here,
  // soon after start and soon after each import, not in the middle of a dispatcher's request.
  const warmRoads = setInterval(() => mapPackage.roads(), 5000);
  warmRoads.unref();
  await telemetry.start((m) => {
    // The topic is read once, here; each part is handed what it says.
    const route = routeTopic(m.topic, config.prefix, gateways.ownTracksPrefix);
    // Positions are nearly all the traffic: they go straight to the telemetry edge.
    if (route?.to === 'telemetry') return ingest.handle(m, route);
    if (!dispatch.handleMessage(m, route)) gateways.handle(m, route);
  });
  // After the telemetry source has started: assignments the broker never confirmed go out again.
  dispatch.start();
  backups.start();
  if (!telemetry.isConnected()) log(`The MQTT broker at ${withoutPassword(brokerUrl)} is not reachable yet; the console works on what it has and keeps retrying.`);

  if (config.simulator) {
    // The simulated devices carry on from the journal's picture: officers stay on their incidents.
    const officer = (id: string) => {
      const u = service.unit(unitId(id));
      if (!u) return undefined;
      const i = u.incidentId ? service.incident(u.incidentId) : undefined;
      const allocated = i && isOpen(i.state) && activeAllocations(i).some((a) => a.unitId === u.id);
      return { fix: u.fix, status: u.status, job: allocated ? { incidentId: i.id, location: i.location } : null };
    };
    simulator = new Simulator({ brokerUrl, prefix: config.prefix, roster, sectors, officer });
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
    dispatch,
    feed,
    health,
    telemetry,
    gateways,
    http,
    map: mapPackage,
    backups,
    access,
    gate,
    oneTimeSignIn: () => `${http.url}/?signin=${access.issueOneTimeLink(FIRST_SUPERVISOR)}`,
    streams,
    brokerUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      backups.stop();
      await simulator?.stop();
      dispatch.stop();
      await telemetry.stop();
      feed.stop();
      await http.close();
      clearInterval(warmRoads);
      mapImport.stop();
      streams.stop();
      await Promise.allSettled([...cameraAudit]);
      mapPackage.close();
      accessStore.close();
      service.close();
      await embedded?.stop();
    },
  };
}
