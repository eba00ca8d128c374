import './dispatch.css';
import { useMemo } from 'react';
import type { Incident } from '../../../shared/domain/incidents.js';
import { isOpen } from '../../../shared/domain/lifecycle.js';
import { effectivePowers, type Unit } from '../../../shared/domain/units.js';
import { canEnforce } from '../../../shared/dispatch/pspo.js';
import { distanceMetres } from '../../../shared/geo/geometry.js';
import { deliveryState } from '../status/BrokerLossBanner.js';
import { useConsole, useConsoleStore } from '../store/store.js';

/** Assignments a device has not acknowledged in time: the dispatcher must chase them by radio. */
export function escalatedAssignments(incidents: Record<string, Incident>) {
  const out: { incident: Incident; unitId: string; at: number }[] = [];
  for (const i of Object.values(incidents)) {
    if (!isOpen(i.state)) continue;
    for (const a of i.allocations) if (a.escalatedAt && a.ackedAt === null && !a.withdrawnAt) out.push({ incident: i, unitId: a.unitId, at: a.escalatedAt });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Nearest free officers who can enforce a prohibition: the dispatcher's "who can deal with this". */
export function enforcersFor(units: Record<string, Unit>, incident: Incident, p: NonNullable<Incident['prohibitions']>[number], n = 3): Unit[] {
  return Object.values(units)
    .filter((u) => u.status === 'available' && u.fix && canEnforce(effectivePowers(u), p))
    .sort((a, b) => distanceMetres(a.fix!, incident.location) - distanceMetres(b.fix!, incident.location))
    .slice(0, n);
}

export function EscalationAlerts() {
  const store = useConsoleStore();
  const incidents = useConsole((s) => s.incidents);
  const units = useConsole((s) => s.units);
  const list = useMemo(() => escalatedAssignments(incidents), [incidents]);
  if (list.length === 0) return null;
  return (
    <section className="panel escalations" role="alert" aria-label="Unacknowledged assignments">
      <h2>Not acknowledged</h2>
      <ul>
        {list.map((e) => (
          <li key={`${e.incident.id}|${e.unitId}`} data-escalated={e.incident.id}>
            <button type="button" onClick={() => store.getState().selectIncident(e.incident.id, { fly: true })}>
              {units[e.unitId]?.callsign ?? e.unitId} has not acknowledged {e.incident.ref}
            </button>
            <span className="hint"> — call them on the radio</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The selected incident's dispatch facts: reports, repeat location, PSPO prohibitions, assignments. */
export function IncidentDispatchCard() {
  const health = useConsole((s) => s.health);
  const id = useConsole((s) => s.selectedIncidentId);
  const incident = useConsole((s) => (id ? s.incidents[id] : undefined));
  const units = useConsole((s) => s.units);
  if (!incident) return null;
  const prohibitions = incident.prohibitions ?? [];
  return (
    <section className="panel dispatch-card" aria-label={`Dispatch details for ${incident.ref}`} data-incident-id={incident.id}>
      <h2>
        {incident.ref} <span className="count">{incident.reports} report{incident.reports === 1 ? '' : 's'}</span>
      </h2>
      {incident.repeatLocation && (
        <p className="repeat-location" data-field="repeat-location">
          Repeat location: {incident.repeatLocation.incidents} incidents within {incident.repeatLocation.radiusM} m in {incident.repeatLocation.days} days
        </p>
      )}
      {prohibitions.length > 0 && (
        <ul className="prohibitions" data-field="prohibitions">
          {prohibitions.map((p) => {
            const who = enforcersFor(units, incident, p);
            return (
              <li key={`${p.zoneId}-${p.behaviour}`}>
                <b>{p.label}</b>
                <span className="hint"> — enforceable by {who.length ? who.map((u) => u.callsign).join(', ') : 'no free officer nearby'}</span>
              </li>
            );
          })}
        </ul>
      )}
      {incident.allocations.length > 0 && (
        <ul className="assignments">
          {incident.allocations.map((a) => (
            <li
              key={`${a.unitId}-${a.at}`}
              data-assignment={a.withdrawnAt ? undefined : a.unitId}
              data-withdrawn={a.withdrawnAt ? a.unitId : undefined}
              className={a.withdrawnAt ? 'withdrawn' : a.escalatedAt && a.ackedAt === null ? 'escalated' : ''}
            >
              {units[a.unitId]?.callsign ?? a.unitId}:{' '}
              {a.withdrawnAt
                ? `de-allocated by ${a.withdrawnBy ?? 'a dispatcher'}`
                : a.ackedAt !== null
                  ? 'acknowledged'
                  : a.escalatedAt
                    ? 'NOT acknowledged — escalated'
                    : deliveryState(a, health) === 'queued'
                      ? 'queued, not yet sent (broker down)'
                      : 'sent, awaiting acknowledgement'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
