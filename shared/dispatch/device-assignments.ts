import type { IntakeHealth } from '../contract.js';
import type { IncidentId, UnitId } from '../domain/ids.js';
import type { Allocation, Incident } from '../domain/incidents.js';
import { isOpen } from '../domain/lifecycle.js';
import type { JournalEvent } from '../events.js';
import { fail, ok } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';
import { assignmentFor, assignmentTopic, parseAck } from './assignment.js';

export interface DeviceAssignmentOptions {
  prefix: string;
  publish: (topic: string, payload: string, opts: { qos: 0 | 1 }) => Promise<void>;
  /** An assignment not acknowledged by the device within this is escalated to the dispatcher. */
  ackTimeoutMs: number;
  /** Counts an unreadable acknowledgement where rejected telemetry is counted (health, by reason). */
  rejectTelemetry?: (reason: 'bad_ack', detail: string, topic: string) => void;
  log?: (s: string) => void;
}

/**
 * Gets each allocation onto the officer's device: publishes it, journals that the broker has it
 * (the journal is the outbox), records the device's acknowledgement, and escalates to the
 * dispatcher an assignment no device acknowledges in time.
 */
export class DeviceAssignments {
  private readonly escalations = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;
  readonly counters = { sent: 0, acknowledged: 0, escalated: 0 };

  constructor(
    private readonly service: ConsoleService,
    private readonly opts: DeviceAssignmentOptions,
  ) {}

  /**
   * After a restart: re-arms escalation timers for assignments still unacknowledged, and sends
   * again every assignment the broker never confirmed (an allocation without `allocation.sent` is
   * still to be delivered). Call once the telemetry source is started.
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

  /** After an allocation is journaled: the officer's device gets the job, and a clock starts. */
  allocated(incidentId: IncidentId, unitId: UnitId): void {
    const i = this.service.incident(incidentId);
    const a = i?.allocations.findLast((x) => x.unitId === unitId);
    if (!i || !a) return;
    this.counters.sent++;
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
        if (r.ok) this.counters.escalated++;
      });
    }, wait);
    timer.unref?.();
    this.escalations.set(key, timer);
  }

  /** A device's `{ ts, incidentId }` on `…/units/{unitId}/assignment/ack`. */
  acknowledged(unitId: UnitId, payload: Uint8Array, topic: string): void {
    const ack = parseAck(payload);
    if (!ack.ok) {
      this.opts.rejectTelemetry?.('bad_ack', ack.detail, topic);
      return;
    }
    const a = this.service.incident(ack.incidentId)?.allocations.findLast((x) => x.unitId === unitId);
    if (!a || a.ackedAt !== null) return;
    // Taken again once any event about this allocation in flight is applied: a repeated ack counts once.
    const acknowledge = () => {
      const current = this.service.incident(ack.incidentId)?.allocations.findLast((x) => x.unitId === unitId);
      if (!current || current.ackedAt !== null) return fail<JournalEvent[]>('already acknowledged', 'conflict');
      return ok<JournalEvent[]>([{ type: 'allocation.acknowledged', incidentId: ack.incidentId, unitId, at: this.service.now() }]);
    };
    void this.service.decide(acknowledge).then((r) => {
      if (!r.ok) return;
      this.counters.acknowledged++;
      clearTimeout(this.escalations.get(`${ack.incidentId}|${unitId}`));
      this.escalations.delete(`${ack.incidentId}|${unitId}`);
    });
  }

  health(): IntakeHealth['assignments'] {
    return { ...this.counters, awaitingAck: this.escalations.size, ackTimeoutS: this.opts.ackTimeoutMs / 1000 };
  }
}
