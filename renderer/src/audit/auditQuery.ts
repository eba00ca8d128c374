import type { AuditFilters } from '../../../shared/auth/audit.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import { fail, ok, type Result } from '../../../shared/result.js';

/** The audit form as typed: times as `<input type="datetime-local">` gives them (local time). */
export interface AuditFilter {
  operator: string;
  incident: string;
  camera: string;
  unit: string;
  from: string;
  to: string;
}
/** What the host is asked (`getAudit` less its format). */
export type AuditAsk = AuditFilters;

export const NO_AUDIT_FILTER: AuditFilter = { operator: '', incident: '', camera: '', unit: '', from: '', to: '' };

/** `2026-11-30T08:15:00` (local) → epoch ms; NaN when it is not a time. */
export function fromInputTime(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, sec] = m.map(Number) as number[];
  const t = new Date(y!, mo! - 1, d, h, mi, sec || 0);
  return t.getMonth() === mo! - 1 ? t.getTime() : NaN;
}

/** Epoch ms → the local time a datetime-local field shows, to the second. */
export function toInputTime(ms: number): string {
  const t = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

/**
 * The host's audit query from the form. An incident is typed as the reference read out on the radio
 * (`PB-0042`) as often as by its id: a reference the console knows is sent as the id the journal keeps.
 */
export function auditQuery(f: AuditFilter, incidents: readonly Pick<Incident, 'id' | 'ref'>[]): Result<AuditAsk> {
  const q: AuditAsk = {};
  const operator = f.operator.trim().toLowerCase();
  if (operator) q.operator = operator;
  const incident = f.incident.trim();
  if (incident) q.incident = incidents.find((i) => i.ref.toLowerCase() === incident.toLowerCase())?.id ?? incident;
  if (f.camera.trim()) q.camera = f.camera.trim();
  if (f.unit.trim()) q.unit = f.unit.trim();
  for (const k of ['from', 'to'] as const) {
    if (!f[k]) continue;
    const t = fromInputTime(f[k]);
    if (!Number.isFinite(t)) return fail(`"${k === 'from' ? 'From' : 'To'}" is not a date and time.`);
    q[k] = t;
  }
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) return fail('"From" is after "To": nothing can match.');
  return ok(q);
}
