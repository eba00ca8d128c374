import type { Incident } from '../../../shared/domain/incidents.js';

/** Dispatch facts at a glance in the queue: repeat reports, repeat location, PSPO, unacknowledged. */
export function QueueBadges({ incident: i }: { incident: Incident }) {
  const escalated = i.allocations.some((a) => a.escalatedAt && a.ackedAt === null && !a.withdrawnAt);
  return (
    <>
      {i.reports > 1 && (
        <b className="q-badge" data-badge="reports" title={`${i.reports} reports linked to this incident`}>
          ×{i.reports}
        </b>
      )}
      {i.repeatLocation && (
        <b className="q-badge warn" data-badge="repeat-location" title="Repeat location">
          repeat
        </b>
      )}
      {(i.prohibitions?.length ?? 0) > 0 && (
        <b className="q-badge" data-badge="pspo" title={i.prohibitions!.map((p) => p.label).join('\n')}>
          PSPO
        </b>
      )}
      {escalated && (
        <b className="q-badge bad" data-badge="unacknowledged" title="An assignment was not acknowledged">
          no ack
        </b>
      )}
    </>
  );
}
