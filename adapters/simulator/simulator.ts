import mqtt, { type MqttClient } from 'mqtt';
import type { SectorId } from '../../shared/domain/ids.js';
import type { LatLon } from '../../shared/domain/incidents.js';
import type { RosterEntry, UnitStatus } from '../../shared/domain/units.js';
import { bearingDegrees, destination, distanceMetres } from '../../shared/geo/geometry.js';
import type { SectorCollection } from '../../shared/geo/sectors.js';

interface SimUnit {
  entry: RosterEntry;
  lat: number;
  lon: number;
  hdg: number;
  spd: number;
  bat: number;
  recording: boolean;
  target: { lat: number; lon: number } | null;
  /** The incident the officer is on; they stay on it (travelling, then on scene) until the console lets them go. */
  incidentId: string | null;
  onScene: boolean;
}

/** Within this of the incident an officer is there. */
const AT_SCENE_M = 25;

/**
 * What the console knows of one officer. The simulated devices carry on from it after a restart
 * (where each officer was, whether off duty, the incident they are on) and learn from it when a
 * dispatcher has let an officer go (resolved, closed, de-allocated): a real officer hears that on
 * the radio, which the telemetry contract does not carry.
 */
export interface SimulatedOfficerRecord {
  fix: LatLon | null;
  status: UnitStatus;
  /** The open incident the officer is allocated to now, if any. */
  job: { incidentId: string; location: LatLon } | null;
}

type Box = { w: number; s: number; e: number; n: number };

/**
 * Drives a roster around Peterborough over a real MQTT broker, speaking the same telemetry contract
 * as a gateway, so the embedded default is a working control room rather than an empty screen.
 */
export class Simulator {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private units: SimUnit[] = [];
  private readonly boxes = new Map<SectorId, Box>();
  private rng: () => number;

  constructor(
    private readonly opts: {
      brokerUrl: string;
      prefix: string;
      roster: RosterEntry[];
      sectors: SectorCollection;
      intervalMs?: number;
      seed?: number;
      /** How long a simulated device takes to acknowledge an assignment; default 0.3–1 s. */
      ackDelayMs?: number;
      /** Simulated seconds per real second (default 1): tests let officers walk faster. */
      speedUp?: number;
      /** The console's record of an officer; none means the devices start afresh. */
      officer?: (unitId: string) => SimulatedOfficerRecord | undefined;
    },
  ) {
    let s = opts.seed ?? 42;
    // Deterministic so a demo and a screenshot look the same every run.
    this.rng = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (const f of opts.sectors.features) {
      const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!;
      const xs = ring.map((c) => c[0]);
      const ys = ring.map((c) => c[1]);
      this.boxes.set(f.properties.id, { w: Math.min(...xs), e: Math.max(...xs), s: Math.min(...ys), n: Math.max(...ys) });
    }
  }

  get running(): boolean {
    return this.timer !== null;
  }

  get unitCount(): number {
    return this.units.length;
  }

  async start(): Promise<void> {
    const fallback: Box = { w: -0.3, e: -0.18, s: 0.55 + 52, n: 0.6 + 52 };
    this.units = this.opts.roster.map((entry) => {
      const b = this.boxes.get(entry.sector) ?? fallback;
      const lat = b.s + this.rng() * (b.n - b.s);
      const lon = b.w + this.rng() * (b.e - b.w);
      // Where the console last saw the officer: a restart does not scatter the shift.
      const known = this.opts.officer?.(entry.id)?.fix;
      return {
        entry,
        lat: known?.lat ?? lat,
        lon: known?.lon ?? lon,
        hdg: this.rng() * 360,
        spd: this.speedFor(entry),
        bat: 60 + this.rng() * 40,
        recording: false,
        target: null,
        incidentId: null,
        onScene: false,
      };
    });
    this.client = mqtt.connect(this.opts.brokerUrl, { clientId: `beacon-simulator-${process.pid}`, reconnectPeriod: 1000 });
    this.client.on('error', () => {});
    // Wait for the broker: the first status reports are retained and must not be lost in a queue.
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      this.client!.once('connect', () => (clearTimeout(t), resolve()));
    });
    // Devices acknowledge an assignment and head for the incident, as an officer's handset would.
    this.client.subscribe(`${this.opts.prefix}/units/+/assignment`, { qos: 1 });
    this.client.on('message', (topic, payload) => this.onAssignment(topic, payload));
    const now = Date.now();
    for (const u of this.units) {
      const record = this.opts.officer?.(u.entry.id);
      const offDuty = record?.fix ? record.status === 'off_duty' : this.rng() < 0.08;
      // Not retained: the embedded aedes broker (1.2) does not pass retained QoS 0 messages to
      // clients already subscribed, so the console would never hear them.
      if (record?.job) this.takeJob(u, record.job.incidentId, record.job.location, now);
      else this.send(u, 'status', { ts: now, status: offDuty ? 'off_duty' : 'available' });
    }
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs ?? 1000);
    this.tick();
  }

  private onAssignment(topic: string, payload: Buffer) {
    const id = topic.slice(this.opts.prefix.length + 7).split('/')[0];
    const u = this.units.find((x) => x.entry.id === id);
    if (!u) return;
    let a: { incidentId?: unknown; location?: { lat?: unknown; lon?: unknown } };
    try {
      a = JSON.parse(payload.toString()) as typeof a;
    } catch {
      return;
    }
    if (typeof a.incidentId !== 'string' || typeof a.location?.lat !== 'number' || typeof a.location?.lon !== 'number') return;
    const incidentId = a.incidentId;
    const location = { lat: a.location.lat, lon: a.location.lon };
    // The same assignment again (sent once more after a console restart) changes nothing.
    if (u.incidentId === incidentId) return void this.acknowledge(u, incidentId, 0);
    this.acknowledge(u, incidentId, this.opts.ackDelayMs ?? 300 + this.rng() * 700, () => this.takeJob(u, incidentId, location, Date.now()));
  }

  private acknowledge(u: SimUnit, incidentId: string, delayMs: number, then?: () => void) {
    setTimeout(() => {
      this.client?.publish(`${this.opts.prefix}/units/${u.entry.id}/assignment/ack`, JSON.stringify({ ts: Date.now(), incidentId }), { qos: 1 });
      then?.();
    }, delayMs);
  }

  /** The officer sets off for the incident (or is already there), saying so on the status topic. */
  private takeJob(u: SimUnit, incidentId: string, location: LatLon, now: number) {
    u.incidentId = incidentId;
    u.onScene = distanceMetres(u, location) <= AT_SCENE_M;
    u.target = u.onScene ? null : location;
    this.send(u, 'status', { ts: now, status: u.onScene ? 'on_scene' : 'en_route', incidentId });
  }

  /** The console has let the officer go (or moved them to other work): free again, or off to the new job. */
  private followConsole(u: SimUnit, now: number) {
    if (!u.incidentId || !this.opts.officer) return;
    const record = this.opts.officer(u.entry.id);
    if (record?.job?.incidentId === u.incidentId) return;
    if (record?.job) return this.takeJob(u, record.job.incidentId, record.job.location, now);
    u.incidentId = null;
    u.onScene = false;
    u.target = null;
    this.send(u, 'status', { ts: now, status: 'available' });
  }

  private speedFor(e: RosterEntry) {
    return e.mode === 'vehicle' ? 6 + this.rng() * 7 : 1.1 + this.rng() * 0.6;
  }

  private send(u: SimUnit, kind: string, body: object, retain = false) {
    this.client?.publish(`${this.opts.prefix}/units/${u.entry.id}/${kind}`, JSON.stringify(body), { qos: 0, retain });
  }

  private tick() {
    const now = Date.now();
    const dt = ((this.opts.intervalMs ?? 1000) / 1000) * (this.opts.speedUp ?? 1);
    for (const u of this.units) {
      this.followConsole(u, now);
      const b = this.boxes.get(u.entry.sector);
      const arrived = u.target !== null && distanceMetres(u, u.target) <= Math.max(u.spd * dt, AT_SCENE_M);
      if (arrived) {
        u.lat = u.target!.lat;
        u.lon = u.target!.lon;
        u.target = null;
        u.onScene = true;
        this.send(u, 'status', { ts: now, status: 'on_scene', incidentId: u.incidentId });
      } else if (u.target) u.hdg = bearingDegrees(u, u.target);
      else if (this.rng() < 0.05) u.hdg = (u.hdg + (this.rng() - 0.5) * 120 + 360) % 360;
      const next = destination(u, u.hdg, u.spd * dt);
      if (arrived || u.onScene) {
        // On scene: the officer stays with the incident until the console lets them go.
      } else if (u.target) {
        u.lat = next.lat;
        u.lon = next.lon;
      } else if (b && (next.lat < b.s || next.lat > b.n || next.lon < b.w || next.lon > b.e)) {
        u.hdg = (u.hdg + 180) % 360;
      } else {
        u.lat = next.lat;
        u.lon = next.lon;
      }
      u.bat = Math.max(5, u.bat - 0.002 * dt);
      this.send(u, 'location', {
        ts: now,
        lat: +u.lat.toFixed(6),
        lon: +u.lon.toFixed(6),
        acc: 5 + Math.round(this.rng() * 10),
        hdg: Math.round(u.hdg),
        spd: +u.spd.toFixed(1),
        bat: Math.round(u.bat),
      });
      if (this.rng() < 0.002) {
        u.recording = !u.recording;
        this.send(u, 'bwv', { ts: now, recording: u.recording });
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.client?.endAsync(true);
    this.client = null;
  }
}
