import { effectivePowers } from '../../../shared/domain/units.js';
import { AGENCY_LABELS } from '../../../shared/domain/agencies.js';
import { POWER_LABELS } from '../../../shared/domain/powers.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { useNow } from '../useNow.js';
import { AccreditationControls } from '../dispatch/AccreditationControls.js';
import { fixAgeS, formatAge, isStale } from './unitView.js';
import { UnitStatusLabel } from './UnitStatusLabel.js';
import { useCan } from '../session/can.js';

/** The selected unit: who, what they may do, where and how fresh, what they are on. */
export function UnitCard() {
  const store = useConsoleStore();
  const id = useConsole((s) => s.selectedUnitId);
  const unit = useConsole((s) => (id ? s.units[id] : undefined));
  const incident = useConsole((s) => (unit?.incidentId ? s.incidents[unit.incidentId] : undefined));
  const staleAfterS = useConsole((s) => s.staleAfterS);
  const now = useNow(1000);
  const mayWithdraw = useCan('withdrawAccreditation');
  if (!unit) return null;
  const age = fixAgeS(unit, now);
  const stale = isStale(unit, now, staleAfterS);
  const withdrawn = new Set(unit.withdrawnPowers);
  return (
    <aside className="panel unit-card" aria-label={`Unit ${unit.callsign}`} data-unit-id={unit.id}>
      <header className="panel-head">
        <h2>{unit.callsign}</h2>
        <button type="button" aria-label="Close unit card (Esc)" onClick={() => store.getState().selectUnit(null)}>
          ×
        </button>
      </header>
      <dl>
        <dt>Agency</dt>
        <dd>{AGENCY_LABELS[unit.agency]}</dd>
        <dt>Status</dt>
        <dd>
          <UnitStatusLabel unit={unit} />
        </dd>
        <dt>Last fix</dt>
        <dd className={stale ? 'stale' : ''} data-field="fix-age">
          {age === null ? 'never located' : `${formatAge(age)} ago`}
          {stale && age !== null ? ' — stale' : ''}
        </dd>
        <dt>Battery</dt>
        <dd>{unit.battery === null ? 'unknown' : `${Math.round(unit.battery)} %`}</dd>
        <dt>Body-worn video</dt>
        <dd data-field="bwv">{unit.bwv ? (unit.bwv.recording ? '● Recording' : 'Not recording') : 'No report'}</dd>
        <dt>Incident</dt>
        <dd>{incident ? `${incident.ref} (${incident.state.replace('_', ' ')})` : unit.incidentId ?? 'None'}</dd>
        <dt>Sector · travel</dt>
        <dd>
          {unit.sector} · {unit.mode === 'vehicle' ? 'vehicle' : 'on foot'}
        </dd>
      </dl>
      <h3>Powers</h3>
      <ul className="powers">
        {unit.powers.map((p) => (
          <li key={p} className={withdrawn.has(p) ? 'withdrawn' : ''} title={withdrawn.has(p) ? 'Withdrawn by a supervisor' : undefined}>
            {POWER_LABELS[p]}
          </li>
        ))}
        {unit.powers.length === 0 && <li>None recorded</li>}
      </ul>
      {effectivePowers(unit).length < unit.powers.length && <p className="hint">Struck-through powers are withdrawn.</p>}
      {mayWithdraw && <AccreditationControls unit={unit} />}
    </aside>
  );
}
