import type { UnitId } from '../domain/ids.js';
import { sectorId } from '../domain/ids.js';
import type { JournalEvent } from '../events.js';
import type { TelemetryMessage } from '../ports.js';
import {
  DEFAULT_LIMITS,
  REJECT_REASONS,
  type RejectReason,
  type TelemetryKind,
  type TelemetryLimits,
  telemetryTs,
  validateTelemetry,
} from '../telemetry.js';
import { RateLimiter } from '../rate-limit.js';
import { routeTopic, type TopicRoute } from '../wire/topics.js';
import type { ConsoleService } from './console-service.js';

const UNIT_MESSAGES_PER_S = 10;
const ROSTER_JOINS_PER_S = 50;

export interface RejectedSample {
  reason: RejectReason;
  detail: string;
  topic: string;
  at: number;
}

/**
 * The edge where gateway telemetry enters: every message is validated, checked against the roster
 * and the unit's last report, counted, and only then queued for the journal. Nothing here throws.
 */
export class TelemetryIngest {
  accepted = 0;
  readonly rejected = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  readonly lastRejected: RejectedSample[] = [];
  private readonly latest = new Map<string, number>();
  /** A handset reports about once a second; ten times that is a fault or a flood, not news. */
  private readonly perUnit = new RateLimiter(UNIT_MESSAGES_PER_S, UNIT_MESSAGES_PER_S * 2);
  /** Every new unit on an open roster is a durable event: a flood of made-up ids is bounded here. */
  private readonly joins = new RateLimiter(ROSTER_JOINS_PER_S, ROSTER_JOINS_PER_S * 10);
  private readonly joined = new Set<string>();

  constructor(
    private readonly service: ConsoleService,
    private readonly opts: { prefix: string; openRoster: boolean; limits?: TelemetryLimits },
  ) {}

  get rejectedTotal(): number {
    let n = 0;
    for (const r of REJECT_REASONS) n += this.rejected[r];
    return n;
  }

  reject(reason: RejectReason, detail: string, topic: string): void {
    this.rejected[reason]++;
    this.lastRejected.unshift({ reason, detail, topic: topic.slice(0, 200), at: Date.now() });
    if (this.lastRejected.length > 20) this.lastRejected.length = 20;
  }

  /** A message on Beacon's own telemetry topics; `route` is the topic already read where the message arrived. */
  handle = (m: TelemetryMessage, route: TopicRoute | null = routeTopic(m.topic, this.opts.prefix)): void => {
    if (route?.to !== 'telemetry') return this.reject('bad_topic', 'topic is not {prefix}/units/{unitId}/{location|status|emergency|bwv}', m.topic);
    const now = this.service.now();
    const unit = this.service.unit(route.unitId);
    const verdict = validateTelemetry(route.unitId, route.kind, m.payload, now, this.opts.limits ?? DEFAULT_LIMITS, unit?.incidentId ?? null);
    if (!verdict.ok) return this.reject(verdict.reason, verdict.detail, m.topic);
    if (!unit) {
      if (!this.opts.openRoster) return this.reject('unknown_unit', `unit "${route.unitId}" is not on the roster`, m.topic);
      if (!this.joined.has(route.unitId) && !this.joins.take('', now))
        return this.reject('rate_limited', `more than ${ROSTER_JOINS_PER_S} new units a second are joining the open roster`, m.topic);
      if (!this.addUnknownUnit(route.unitId)) return this.reject('journal_unavailable', this.service.journalError?.message ?? 'journal unavailable', m.topic);
      this.joined.add(route.unitId);
    }
    this.admit(verdict.event, route.kind, route.unitId, m.topic);
  };

  /**
   * The second half of the edge, shared with the radio and OwnTracks gateways: a validated event
   * for a roster unit is refused if older than what we have, else queued for the journal.
   */
  admit(event: JournalEvent, kind: TelemetryKind, unitId: UnitId, topic: string): boolean {
    const ts = telemetryTs(event)!;
    if (!this.perUnit.take(unitId, this.service.now())) {
      this.reject('rate_limited', `${unitId} sends more than ${UNIT_MESSAGES_PER_S} messages a second`, topic);
      return false;
    }
    const key = `${unitId}/${kind}`;
    let last = this.latest.get(key) ?? this.lastKnownTs(unitId, kind);
    // Dispatchers change a unit's emergency too (raise, stand down): a device message older than
    // that is history, not a new alarm.
    if (kind === 'emergency') last = Math.max(last ?? -Infinity, this.lastKnownTs(unitId, kind) ?? -Infinity);
    if (last !== undefined && ts <= last) {
      this.reject('out_of_order', `${kind} at ${new Date(ts).toISOString()} is not newer than the last one`, topic);
      return false;
    }
    if (!this.service.enqueueTelemetry(event)) {
      this.reject('journal_unavailable', this.service.journalError?.message ?? 'journal unavailable', topic);
      return false;
    }
    this.latest.set(key, ts);
    this.accepted++;
    return true;
  }

  private lastKnownTs(id: UnitId, kind: string): number | undefined {
    const u = this.service.unit(id);
    if (!u) return undefined;
    if (kind === 'location') return u.fix?.ts;
    if (kind === 'status') return u.statusTs || undefined;
    if (kind === 'emergency') return u.emergency?.ts;
    if (kind === 'bwv') return u.bwv?.ts;
    return undefined;
  }

  private addUnknownUnit(id: UnitId): boolean {
    return this.service.joinRoster({ id, callsign: id.toUpperCase(), agency: 'council_enforcement', powers: [], sector: sectorId('unassigned'), mode: 'foot' });
  }
}
