import { POWER_LABELS } from '../../../shared/domain/powers.js';
import { EXCLUSION_REASONS, type Candidate, type ExclusionReason } from '../../../shared/dispatch/ranking.js';
import type { RecommendationState } from './useRecommendation.js';

const REASON_LABELS: Record<ExclusionReason, string> = {
  police_only: 'not police',
  missing_power: 'lack the power',
  power_withdrawn: 'accreditation withdrawn',
  off_duty: 'off duty',
  committed: 'on more urgent work',
  emergency: 'in an emergency',
  already_allocated: 'already allocated',
  no_fix: 'no position',
  not_deployable: 'not deployable',
};

/** Why the top candidate is on top: shown inside an allocation row. */
export function CandidateReasons({ c, rank }: { c: Candidate; rank: number }) {
  return (
    <span className="rec-reasons" data-rank={rank}>
      <b className="rec-rank">#{rank}</b>
      {c.busyWith && <b className="rec-divert">diverts from P{c.busyWith.priority}</b>}
      {c.reasons.join(' · ')}
    </span>
  );
}

/** What the work needs, and the officers left out with why (nearest first). */
export function RecommendationPanel({ rec }: { rec: RecommendationState }) {
  if (rec.status === 'loading') return <p className="rec-summary hint">Ranking officers…</p>;
  if (rec.status === 'failed')
    return (
      <p className="rec-summary form-error" role="alert">
        {rec.error}
      </p>
    );
  const r = rec.value;
  const counted = EXCLUSION_REASONS.filter((k) => r.excludedCounts[k] > 0);
  return (
    <div className="rec-summary" data-testid="recommendation" aria-label="Recommended officers">
      <p>
        {r.policeOnly && <b className="rec-police-only">Police only · </b>}
        Needs: {r.requiredPowers.length ? r.requiredPowers.map((p) => POWER_LABELS[p]).join(', ') : 'no special power'}
        {' · '}
        {r.candidates.length ? `${r.candidates.length} recommended, best first` : 'nobody suitable is free: see excluded'}
      </p>
      {counted.length > 0 && (
        <details className="rec-excluded">
          <summary>
            Excluded: {counted.map((k) => `${r.excludedCounts[k]} ${REASON_LABELS[k]}`).join(', ')}
          </summary>
          <ul>
            {r.excluded.map((e) => (
              <li key={e.unitId} data-excluded-unit={e.unitId} data-reason={e.reason}>
                <span className="callsign">{e.callsign}</span> {e.detail}
                {e.distanceM !== null && <span className="dist"> · {e.distanceM} m</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
