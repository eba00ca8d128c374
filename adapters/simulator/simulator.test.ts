import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { sectorId, unitId } from '../../shared/domain/ids.js';
import type { LatLon } from '../../shared/domain/incidents.js';
import type { RosterEntry } from '../../shared/domain/units.js';
import { destination, distanceMetres } from '../../shared/geo/geometry.js';
import { EmbeddedBroker } from '../mqtt/embedded-broker.js';
import { type SimulatedOfficerRecord, Simulator } from './simulator.js';

const officerEntry = (callsign: string): RosterEntry => ({
  id: unitId(callsign.toLowerCase()),
  callsign,
  agency: 'council_enforcement',
  powers: [],
  sector: sectorId('central'),
  mode: 'foot',
});
const SCENE: LatLon = { lat: 52.5731, lon: -0.2412 };
const START = destination(SCENE, 90, 150);

interface Heard {
  status: { status: string; incidentId?: string }[];
  fixes: LatLon[];
  acks: string[];
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

/** A broker, a listening console and the simulator, with the console's record of each officer given by `records`. */
async function drive(roster: RosterEntry[], records: Map<string, SimulatedOfficerRecord>) {
  const broker = await EmbeddedBroker.start(0);
  stops.push(() => broker.stop());
  const heard = new Map<string, Heard>(roster.map((r) => [r.id, { status: [], fixes: [], acks: [] }]));
  const console = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  stops.push(() => console.endAsync(true));
  await console.subscribeAsync('beacon/v1/units/#', { qos: 1 });
  console.on('message', (topic, payload) => {
    const [, , , id, kind, sub] = topic.split('/');
    const h = heard.get(id!);
    const body = JSON.parse(payload.toString()) as Record<string, unknown>;
    if (!h) return;
    if (kind === 'status') h.status.push(body as Heard['status'][number]);
    if (kind === 'location') h.fixes.push({ lat: body.lat as number, lon: body.lon as number });
    if (kind === 'assignment' && sub === 'ack') h.acks.push(body.incidentId as string);
  });
  const sim = new Simulator({
    brokerUrl: broker.url,
    prefix: 'beacon/v1',
    roster,
    sectors: { type: 'FeatureCollection', features: [] },
    intervalMs: 20,
    speedUp: 50,
    ackDelayMs: 0,
    officer: (id) => records.get(id),
  });
  stops.push(() => sim.stop());
  await sim.start();
  return { heard, console, sim };
}

const until = async (what: string, fn: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the simulator keeps officers on the incidents they were allocated', () => {
  it('after a restart, an allocated officer heads back to the incident, reports en route then on scene, and stays until let go', async () => {
    const eo01 = officerEntry('EO01');
    // The console's record from before the restart: EO01 allocated to inc-1, 150 m away.
    const records = new Map<string, SimulatedOfficerRecord>([[eo01.id, { fix: START, status: 'en_route', job: { incidentId: 'inc-1', location: SCENE } }]]);
    const { heard } = await drive([eo01], records);
    const h = heard.get(eo01.id)!;

    await until('en route to inc-1', () => h.status.some((s) => s.status === 'en_route' && s.incidentId === 'inc-1'));
    expect(h.status.some((s) => s.status === 'available')).toBe(false);
    // It carried on from where the console last saw it, not from a random spot.
    expect(distanceMetres(h.fixes[0]!, START)).toBeLessThan(5); // one step on

    await until('on scene at inc-1', () => h.status.some((s) => s.status === 'on_scene' && s.incidentId === 'inc-1'));
    // Still there a good while later: no wandering off while the incident holds the officer.
    const onSceneFixes = h.fixes.length;
    await until('more reports from the scene', () => h.fixes.length >= onSceneFixes + 40);
    for (const f of h.fixes.slice(onSceneFixes)) expect(distanceMetres(f, SCENE)).toBeLessThan(1);

    // The dispatcher resolves the incident: the officer is free again and says so.
    records.set(eo01.id, { fix: SCENE, status: 'on_scene', job: null });
    await until('available again', () => h.status.at(-1)?.status === 'available');
  });

  it('an officer allocated now acknowledges, reports en route and arrives, through the real topics', async () => {
    const pc01 = officerEntry('PC01');
    const records = new Map<string, SimulatedOfficerRecord>([[pc01.id, { fix: START, status: 'available', job: null }]]);
    const { heard, console } = await drive([pc01], records);
    const h = heard.get(pc01.id)!;
    await until('its first report', () => h.status.length > 0);
    expect(h.status[0]).toEqual(expect.objectContaining({ status: 'available' }));

    records.set(pc01.id, { fix: START, status: 'en_route', job: { incidentId: 'inc-2', location: SCENE } });
    await console.publishAsync('beacon/v1/units/pc01/assignment', JSON.stringify({ incidentId: 'inc-2', location: SCENE, ref: 'X', ts: Date.now() }), { qos: 1 });
    await until('the acknowledgement', () => h.acks.includes('inc-2'));
    await until('en route', () => h.status.some((s) => s.status === 'en_route' && s.incidentId === 'inc-2'));
    await until('on scene', () => h.status.some((s) => s.status === 'on_scene' && s.incidentId === 'inc-2'));
    expect(distanceMetres(h.fixes.at(-1)!, SCENE)).toBeLessThan(1);
  });

  it('an officer already at the incident when the console restarts reports on scene and stays', async () => {
    const ce01 = officerEntry('CE01');
    const records = new Map<string, SimulatedOfficerRecord>([[ce01.id, { fix: SCENE, status: 'on_scene', job: { incidentId: 'inc-3', location: SCENE } }]]);
    const { heard } = await drive([ce01], records);
    const h = heard.get(ce01.id)!;
    await until('reports from the scene', () => h.fixes.length >= 30);
    expect(h.status[0]).toEqual(expect.objectContaining({ status: 'on_scene', incidentId: 'inc-3' }));
    for (const f of h.fixes) expect(distanceMetres(f, SCENE)).toBeLessThan(1);
  });
});
