import type { IntakeHealth } from '../contract.js';
import type { CategoryId } from '../domain/categories.js';
import type { IncidentId } from '../domain/ids.js';
import type { Incident, IncidentSource, LatLon } from '../domain/incidents.js';
import { isOpen } from '../domain/lifecycle.js';
import { RateLimiter } from '../rate-limit.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';
import { INTAKE_REJECT_REASONS, type IntakeRejectReason, type IntakeReport, validateIntake } from './intake.js';
import { findRepeatCandidates, type RepeatCandidate, type RepeatSettings } from './repeats.js';

const INTAKE_PER_PARTNER_PER_S = 5;
const INTAKE_PER_S = 50;

export type IncidentBuilder = (
  input: { category: string; priority?: 1 | 2 | 3 | 4; description: string; location: LatLon; address?: string; operator: string },
  source: IncidentSource,
) => Incident;

/**
 * Reports from outside the control room (Open311, partners on MQTT) and repeat reports: a report
 * that repeats an open incident is linked to it, anything else opens a new incident in the queue.
 */
export class ReportIntake {
  private build: IncidentBuilder | null = null;
  private readonly perPartner = new RateLimiter(INTAKE_PER_PARTNER_PER_S, INTAKE_PER_PARTNER_PER_S * 10);
  private readonly all = new RateLimiter(INTAKE_PER_S, INTAKE_PER_S * 4);
  readonly counters = {
    mqtt: { accepted: 0, linked: 0, rejected: Object.fromEntries(INTAKE_REJECT_REASONS.map((r) => [r, 0])) as Record<IntakeRejectReason, number> },
    mqttLastRejected: [] as { reason: IntakeRejectReason; detail: string; at: number }[],
    open311: { accepted: 0, linked: 0, refused: 0 },
  };

  constructor(
    private readonly service: ConsoleService,
    readonly repeat: RepeatSettings,
  ) {}

  /** The operations hand over how they build incidents, so intake channels number and tag them the same way. */
  useIncidentBuilder(build: IncidentBuilder): void {
    this.build = build;
  }

  repeatCandidates(category: CategoryId, location: LatLon, at = this.service.now()): RepeatCandidate[] {
    return findRepeatCandidates(this.service.state.incidents.values(), { category, location, at }, this.repeat);
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

  /** A partner's report on `{prefix}/intake`: validated, rate-limited, then taken in. */
  fromPartner(payload: Uint8Array): void {
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
    if (!this.perPartner.take(v.report.reportedBy, now) || !this.all.take('', now))
      return reject('rate_limited', `more than ${INTAKE_PER_PARTNER_PER_S} reports a second from ${v.report.reportedBy}, or ${INTAKE_PER_S} from all partners`);
    void this.intake(v.report).then((r) => {
      if (!r.ok) return reject('journal_unavailable', r.error);
      if (r.value.linked) c.mqtt.linked++;
      else c.mqtt.accepted++;
    });
  }

  health(): Omit<IntakeHealth, 'assignments'> {
    const c = this.counters;
    return {
      mqtt: { accepted: c.mqtt.accepted, linked: c.mqtt.linked, rejected: { ...c.mqtt.rejected }, lastRejected: c.mqttLastRejected.slice() },
      open311: { ...c.open311 },
    };
  }
}
