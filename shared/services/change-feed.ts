import type { FixRow, StreamMessage } from '../contract.js';
import type { Fix, Unit } from '../domain/units.js';
import { positionOnly } from '../projection.js';
import { writeFix } from '../wire/fix.js';
import { dueReviews } from '../major/decisions.js';
import type { MajorIncidentId } from '../major/major-incident.js';
import { majorView } from '../major/view.js';
import type { ConsoleService } from './console-service.js';
import type { HealthSource } from './health.js';

/**
 * Batches state changes into one message every `intervalMs` (telemetry arrives far faster than a
 * screen can show it), and sends health at least once a second so clocks and counters move.
 */
export class ChangeFeed {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly subscribers = new Set<(m: StreamMessage) => void>();
  private lastSent = 0;
  /** The reviews each open major incident had due when last sent: one falling due is news with no event behind it. */
  private readonly dueSent = new Map<MajorIncidentId, string>();

  constructor(
    private readonly service: ConsoleService,
    private readonly health: HealthSource,
    private readonly intervalMs = 50,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  snapshot(): StreamMessage {
    const s = this.service.state;
    return {
      type: 'snapshot',
      seq: s.seq,
      units: [...s.units.values()],
      incidents: [...s.incidents.values()],
      alarms: [...s.alarms.values()],
      health: this.health(),
      majors: [...s.majors.values()].map((m) => majorView(m, this.service.now())),
    };
  }

  /** Major incidents whose reviews due changed since last sent, because time passed. */
  private reviewsFallenDue(into: Set<MajorIncidentId>): void {
    const now = this.service.now();
    for (const m of this.service.state.majors.values()) {
      const due = m.stoodDownAt === null ? dueReviews(m.decisions, now).map((d) => d.id).join() : '';
      if (due !== (this.dueSent.get(m.id) ?? '')) into.add(m.id);
    }
  }

  private majorViews(ids: Set<MajorIncidentId>) {
    const now = this.service.now();
    const out = [];
    for (const id of ids) {
      const m = this.service.state.majors.get(id);
      if (!m) continue;
      const v = majorView(m, now);
      this.dueSent.set(id, v.reviewsDue.join());
      out.push(v);
    }
    return out;
  }

  subscribe(fn: (m: StreamMessage) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  tick(): void {
    const c = this.service.takeChanges();
    const now = Date.now();
    const moved = positionOnly(c);
    this.reviewsFallenDue(c.majors);
    const empty = c.units.size === 0 && moved.length === 0 && c.incidents.size === 0 && c.alarms.size === 0 && c.majors.size === 0;
    if (empty && now - this.lastSent < 1000) return;
    if (this.subscribers.size === 0) return;
    const s = this.service.state;
    // Serialised once per tick, so sending to many consoles costs one copy of each changed entity.
    const message: StreamMessage = {
      type: 'changes',
      seq: s.seq,
      units: [...c.units].map((id) => s.units.get(id)!).filter(Boolean),
      fixes: moved.flatMap((id) => {
        const u = s.units.get(id);
        return u?.fix ? [fixRow(u, u.fix)] : [];
      }),
      incidents: [...c.incidents].map((id) => s.incidents.get(id)!).filter(Boolean),
      alarms: [...c.alarms].map((id) => s.alarms.get(id)!).filter(Boolean),
      health: this.health(),
      ...(c.majors.size > 0 && { majors: this.majorViews(c.majors) }),
    };
    this.lastSent = now;
    for (const fn of this.subscribers) fn(message);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribers.clear();
  }
}

function fixRow(u: Unit, fix: Fix): FixRow {
  const row: (string | number | null)[] = [u.id];
  writeFix(row as (number | null)[], 1, fix, u.battery, null);
  return row as FixRow;
}
