import type { IntakeHealth } from '../contract.js';
import type { CategoryId } from '../domain/categories.js';
import type { IncidentId, UnitId } from '../domain/ids.js';
import type { Allocation, Incident, IncidentSource, LatLon, Prohibition, RepeatLocationFlag } from '../domain/incidents.js';
import { isOpen } from '../domain/lifecycle.js';
import { POWER_LABELS, type Power } from '../domain/powers.js';
import type { Unit } from '../domain/units.js';
import { assignmentFor, assignmentTopic, parseAck, parseAssignmentTopic } from './assignment.js';
import { INTAKE_REJECT_REASONS, type IntakeRejectReason, type IntakeReport, intakeTopic, validateIntake } from './intake.js';
import { parsePspoZones, prohibitionsAt, type PspoZoneCollection, zonesAt } from './pspo.js';
import { DEFAULT_RANKING, type RankingSettings, type Recommendation, recommendUnits } from './ranking.js';
import { DEFAULT_REPEAT_SETTINGS, findRepeatCandidates, type RepeatCandidate, repeatLocationAt, type RepeatSettings } from './repeats.js';
import { UnitGrid } from './unit-grid.js';
import type { RoadNetwork } from '../routing/road-graph.js';
import { type AllocatedRoute, allocatedRoutes } from '../routing/allocated-routes.js';
import type { TelemetryMessage } from '../ports.js';
import type { JournalEvent } from '../events.js';
import { RateLimiter } from '../rate-limit.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';

const INTAKE_PER_PARTNER_PER_S = 5;
const INTAKE_PER_S = 50;

export interface DispatchDeskOptions {
  service: ConsoleService;
  /** The zones bundled in resources/, used until a supervisor loads others. */
  defaultZones: PspoZoneCollection;
  prefix: string;
  publish: (topic: string, payload: string, opts: { qos: 0 | 1 }) => Promise<void>;
  /** An assignment not acknowledged by the device within this is escalated to the dispatcher. */
  ackTimeoutMs: number;
  /** Counts an unreadable acknowledgement where rejected telemetry is counted (health, by reason). */
  rejectTelemetry?: (reason: 'bad_ack', detail: string, topic: string) => void;
  repeat?: Partial<RepeatSettings>;
  ranking?: Partial<RankingSettings>;
  /** The imported road network, if any: officers are then ranked by time along roads. */
  roads?: () => RoadNetwork | null;
  log?: (s: string) => void;
}

export interface IncidentTags {
  pspoZones: string[];
  prohibitions: Prohibition[];
  repeatLocation: RepeatLocationFlag | null;
}

export type IncidentBuilder = (
  input: { category: string; priority?: 1 | 2 | 3 | 4; description: string; location: LatLon; address?: string; operator: string },
  source: IncidentSource,
) => Incident;

/**
 * The dispatcher's desk on the host: tags incidents with PSPO prohibitions and repeat locations,
 * links repeat reports, ranks officers, sends assignments to devices and escalates the ones no
 * device acknowledges. Every state change goes through `service.commit`.
 */
export class DispatchDesk {
  readonly repeat: RepeatSettings;
  readonly ranking: RankingSettings;
  private readonly grid = new UnitGrid();
  /** Built at the first recommendation, then kept current event by event while the unit is hot in cache. */
  private gridBuilt = false;
  private gridNeedsFullSync = true;
  private readonly escalations = new Map<string, ReturnType<typeof setTimeout>>();
  private build: IncidentBuilder | null = null;
  private stopped = false;
  private readonly intakePerPartner = new RateLimiter(INTAKE_PER_PARTNER_PER_S, INTAKE_PER_PARTNER_PER_S * 10);
  private readonly intakeAll = new RateLimiter(INTAKE_PER_S, INTAKE_PER_S * 4);
  readonly counters = {
    mqtt: { accepted: 0, linked: 0, rejected: Object.fromEntries(INTAKE_REJECT_REASONS.map((r) => [r, 0])) as Record<IntakeRejectReason, number> },
    mqttLastRejected: [] as { reason: IntakeRejectReason; detail: string; at: number }[],
    open311: { accepted: 0, linked: 0, refused: 0 },
    assignments: { sent: 0, acknowledged: 0, escalated: 0 },
  };

  constructor(private readonly opts: DispatchDeskOptions) {
    this.repeat = { ...DEFAULT_REPEAT_SETTINGS, ...opts.repeat };
    this.ranking = { ...DEFAULT_RANKING, ...opts.ranking };
    opts.service.onChange((e) => this.trackUnits(e));
  }

  private trackUnits(e: JournalEvent) {
    if (!this.gridBuilt || this.gridNeedsFullSync) return;
    const units = this.service.state.units;
    const one = (id: UnitId) => {
      const u = units.get(id);
      if (u) this.grid.upsert(u);
    };
    switch (e.type) {
      case 'unit.added':
        return one(e.entry.id);
      case 'unit.location': {
        const u = units.get(e.unitId);
        if (u) this.grid.moved(u);
        return;
      }
      case 'unit.status':
      case 'unit.emergency':
      case 'unit.accreditation':
      case 'allocation.created':
        return one(e.unitId);
      case 'incident.transition':
        // Resolving, closing or cancelling frees the incident's officers.
        for (const a of this.service.incident(e.incidentId)?.allocations ?? []) one(a.unitId);
        return;
      case 'unit.bwv':
      case 'incident.created':
      case 'incident.report_linked':
      case 'allocation.acknowledged':
      case 'allocation.escalated':
      case 'allocation.sent':
      case 'pspo.zones_loaded':
        return;
      default:
        // An event this desk does not know may change officers: rebuild before the next ranking.
        this.gridNeedsFullSync = true;
    }
  }

  private get service() {
    return this.opts.service;
  }

  get zones(): PspoZoneCollection {
    return this.service.state.pspoZones ?? this.opts.defaultZones;
  }

  /** operations.ts hands over how it builds incidents, so intake channels number and tag them the same way. */
  useIncidentBuilder(build: IncidentBuilder): void {
    this.build = build;
  }

  /**
   * After a restart: re-arms escalation timers for assignments still unacknowledged, and sends
   * again every assignment the broker never confirmed (the journal is the outbox: an allocation
   * without `allocation.sent` is still to be delivered). Call once the telemetry source is started.
   */
  start(): void {
    this.stopped = false;
    for (const i of this.service.state.incidents.values()) {
      if (!isOpen(i.state)) continue;
      for (const a of i.allocations) {
        if (a.ackedAt === null && !a.escalatedAt) this.armEscalation(i.id, a.unitId, a.at);
        const current = this.service.unit(a.unitId)?.incidentId === i.id;
        if (current && a.ackedAt === null && a.sentAt == null) this.send(i, a);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.escalations.values()) clearTimeout(t);
    this.escalations.clear();
  }

  tags(location: LatLon, at: number): IncidentTags {
    const zones = this.zones;
    return {
      pspoZones: zonesAt(zones, location),
      prohibitions: prohibitionsAt(zones, location, at),
      repeatLocation: repeatLocationAt(this.service.state.incidents.values(), location, at, this.repeat),
    };
  }

  repeatCandidates(category: CategoryId, location: LatLon, at = this.service.now()): RepeatCandidate[] {
    return findRepeatCandidates(this.service.state.incidents.values(), { category, location, at }, this.repeat);
  }

  recommend(id: IncidentId, limit?: number): Result<Recommendation> {
    const i = this.service.incident(id);
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    if (!this.gridBuilt || this.gridNeedsFullSync) {
      this.grid.sync(this.service.state.units.values());
      this.gridBuilt = true;
      this.gridNeedsFullSync = false;
    }
    const s = limit ? { ...this.ranking, limit } : this.ranking;
    return ok(recommendUnits(i, this.service.state.units, this.service.state.incidents, this.grid, this.service.now(), s, this.opts.roads?.() ?? null));
  }

  /** Where the officers allocated to an incident have to go: along roads where a map is imported. */
  routes(id: IncidentId): Result<AllocatedRoute[]> {
    const i = this.service.incident(id);
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    return ok(allocatedRoutes(i, this.service.state.units, this.opts.roads?.() ?? null, this.ranking));
  }

  async linkReport(id: IncidentId, by: string, source: IncidentSource, description?: string): Promise<Result<Incident>> {
    const i = this.service.incident(id);
    if (!i) return fail(`No incident ${id}.`, 'not_found');
    if (!isOpen(i.state)) return fail(`${i.ref} is ${i.state}; a new report about it should be a new incident or reopen it.`, 'conflict');
    const r = await this.service.commit({ type: 'incident.report_linked', incidentId: i.id, at: this.service.now(), by, source, ...(description && { description }) });
    return r.ok ? ok(this.service.incident(i.id)!) : r;
  }

  /**
   * A report from Open311 or a partner on MQTT: linked to an open incident it repeats (no
   * dispatcher is there to ask), otherwise opened as a new incident in the queue.
   */
  async intake(report: IntakeReport): Promise<Result<{ incident: Incident; linked: boolean }>> {
    if (!this.build) return fail('The console is still starting; try again in a moment.', 'unavailable');
    const existing = this.repeatCandidates(report.category, report.location, report.at)[0];
    if (existing) {
      const r = await this.linkReport(existing.incidentId, report.reportedBy, report.source, report.description || undefined);
      return r.ok ? ok({ incident: r.value, linked: true }) : r;
    }
    const incident = this.build(
      {
        category: report.category,
        ...(report.priority && { priority: report.priority }),
        description: report.description,
        location: report.location,
        ...(report.address && { address: report.address }),
        operator: report.reportedBy,
      },
      report.source,
    );
    const r = await this.service.commit({ type: 'incident.created', incident });
    return r.ok ? ok({ incident: this.service.incident(incident.id)!, linked: false }) : r;
  }

  async setAccreditation(id: UnitId, power: Power, withdrawn: boolean, by: string, reason?: string): Promise<Result<Unit>> {
    const r = await this.service.decide(() => {
      const u = this.service.unit(id);
      if (!u) return fail(`No unit ${id} on the roster.`, 'not_found');
      if (withdrawn && !u.powers.includes(power)) return fail(`${u.callsign} does not hold "${POWER_LABELS[power]}"; there is nothing to withdraw.`, 'conflict');
      const already = u.withdrawnPowers.includes(power);
      if (withdrawn === already)
        return fail(`${u.callsign}'s accreditation for "${POWER_LABELS[power]}" is already ${withdrawn ? 'withdrawn' : 'in force'}.`, 'conflict');
      return ok([{ type: 'unit.accreditation', unitId: u.id, power, withdrawn, at: this.service.now(), by, ...(reason && { reason }) }]);
    });
    return r.ok ? ok(this.service.unit(id)!) : r;
  }

  async loadZones(raw: unknown, by: string): Promise<Result<PspoZoneCollection>> {
    const parsed = parsePspoZones(raw);
    if (!parsed.ok) return parsed;
    const r = await this.service.commit({ type: 'pspo.zones_loaded', zones: parsed.value, at: this.service.now(), by });
    return r.ok ? ok(this.zones) : r;
  }

  /** After an allocation is journaled: the officer's device gets the job, and a clock starts. */
  assignmentAllocated(incidentId: IncidentId, unitId: UnitId): void {
    const i = this.service.incident(incidentId);
    const a = i?.allocations.findLast((x) => x.unitId === unitId);
    if (!i || !a) return;
    this.counters.assignments.sent++;
    this.send(i, a);
    this.armEscalation(i.id, unitId, a.at);
  }

  /**
   * Publishes an assignment at QoS 1 and journals that the broker has it. Until then the allocation
   * is the outbox entry: a restart before the broker confirms sends it again, with the same
   * assignment id, so a device that did receive it can ignore the copy.
   */
  private send(i: Incident, a: Allocation) {
    const { unitId, at: allocatedAt } = a;
    this.opts
      .publish(assignmentTopic(this.opts.prefix, unitId), JSON.stringify(assignmentFor(i, a)), { qos: 1 })
      .then(() => {
        if (this.stopped) return;
        void this.service.commit({ type: 'allocation.sent', incidentId: i.id, unitId, allocatedAt, at: this.service.now() });
      })
      .catch((err: Error) => this.opts.log?.(`Assignment of ${i.ref} to ${unitId} is queued: ${err.message}`));
  }

  private armEscalation(incidentId: IncidentId, unitId: UnitId, sentAt: number) {
    const key = `${incidentId}|${unitId}`;
    clearTimeout(this.escalations.get(key));
    const wait = Math.max(0, sentAt + this.opts.ackTimeoutMs - this.service.now());
    const timer = setTimeout(() => {
      this.escalations.delete(key);
      const a = this.service.incident(incidentId)?.allocations.findLast((x) => x.unitId === unitId);
      // An officer taken off the incident has nothing left to acknowledge.
      if (!a || a.ackedAt !== null || a.escalatedAt || a.withdrawnAt) return;
      void this.service.commit({ type: 'allocation.escalated', incidentId, unitId, at: this.service.now() }).then((r) => {
        if (r.ok) this.counters.assignments.escalated++;
      });
    }, wait);
    timer.unref?.();
    this.escalations.set(key, timer);
  }

  /** Takes MQTT messages that belong to dispatch (intake, acknowledgements, our own assignments). */
  handleMessage = (m: TelemetryMessage): boolean => {
    if (m.topic === intakeTopic(this.opts.prefix)) {
      this.handleIntake(m.payload);
      return true;
    }
    const route = parseAssignmentTopic(this.opts.prefix, m.topic);
    if (!route) return false;
    // The host hears its own assignments through the units/+/+ subscription; they are not telemetry.
    if (route.kind === 'assignment') return true;
    const ack = parseAck(m.payload);
    if (!ack.ok) {
      this.opts.rejectTelemetry?.('bad_ack', ack.detail, m.topic);
      return true;
    }
    const a = this.service.incident(ack.incidentId)?.allocations.findLast((x) => x.unitId === route.unitId);
    if (!a || a.ackedAt !== null) return true;
    // Taken again once any event about this allocation in flight is applied: a repeated ack counts once.
    const acknowledge = () => {
      const current = this.service.incident(ack.incidentId)?.allocations.findLast((x) => x.unitId === route.unitId);
      if (!current || current.ackedAt !== null) return fail<JournalEvent[]>('already acknowledged', 'conflict');
      return ok<JournalEvent[]>([{ type: 'allocation.acknowledged', incidentId: ack.incidentId, unitId: route.unitId, at: this.service.now() }]);
    };
    void this.service.decide(acknowledge).then((r) => {
      if (!r.ok) return;
      this.counters.assignments.acknowledged++;
      clearTimeout(this.escalations.get(`${ack.incidentId}|${route.unitId}`));
      this.escalations.delete(`${ack.incidentId}|${route.unitId}`);
    });
    return true;
  };

  private handleIntake(payload: Uint8Array) {
    const now = this.service.now();
    const v = validateIntake(payload, now);
    const c = this.counters;
    const reject = (reason: IntakeRejectReason, detail: string) => {
      c.mqtt.rejected[reason]++;
      c.mqttLastRejected.unshift({ reason, detail, at: now });
      if (c.mqttLastRejected.length > 10) c.mqttLastRejected.length = 10;
    };
    if (!v.ok) return reject(v.reason, v.detail);
    // Each report is a durable incident: a partner's flood (or one naming many partners) is bounded.
    if (!this.intakePerPartner.take(v.report.reportedBy, now) || !this.intakeAll.take('', now))
      return reject('rate_limited', `more than ${INTAKE_PER_PARTNER_PER_S} reports a second from ${v.report.reportedBy}, or ${INTAKE_PER_S} from all partners`);
    void this.intake(v.report).then((r) => {
      if (!r.ok) return reject('journal_unavailable', r.error);
      if (r.value.linked) c.mqtt.linked++;
      else c.mqtt.accepted++;
    });
  }

  health(): IntakeHealth {
    const c = this.counters;
    return {
      mqtt: { accepted: c.mqtt.accepted, linked: c.mqtt.linked, rejected: { ...c.mqtt.rejected }, lastRejected: c.mqttLastRejected.slice() },
      open311: { ...c.open311 },
      assignments: { ...c.assignments, awaitingAck: this.escalations.size, ackTimeoutS: this.opts.ackTimeoutMs / 1000 },
    };
  }
}
