import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import type { Unit } from '../../../shared/domain/units.js';
import { canBeSent } from '../../../shared/dispatch/eligibility.js';
import { distanceMetres } from '../../../shared/geo/geometry.js';
import { useHost } from '../host/HostContext.js';
import { focusHome, useReturnFocus } from '../keyboard/focus.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { AGENCY_SHORT } from '../units/unitView.js';
import { UnitStatusLabel } from '../units/UnitStatusLabel.js';
import { CandidateReasons, RecommendationPanel } from '../dispatch/RecommendationPanel.js';
import { useRecommendation } from '../dispatch/useRecommendation.js';
import { FormError } from '../status/FormError.js';

const STATUS_RANK = { available: 0, busy: 1, en_route: 2, on_scene: 3, off_duty: 4 } as const;

export interface AllocationCandidate {
  unit: Unit;
  metres: number | null;
  /** Why this officer may not be sent (the host would refuse), shown before Enter; null if they may. */
  refusal: string | null;
}

/**
 * The plain choice list: officers who may be sent first, free before busy, then by straight-line
 * distance; those who may not be sent last, each with why.
 */
export function allocationCandidates(units: Record<string, Unit>, incident: Incident, query: string, ranked: readonly string[] = []): AllocationCandidate[] {
  const q = query.trim().toLowerCase();
  // The host's recommended officers lead, best first; everyone else follows by status and distance.
  const rank = (id: string) => (ranked.includes(id) ? ranked.indexOf(id) : ranked.length);
  return Object.values(units)
    .filter((u) => u.status !== 'off_duty' && u.incidentId !== incident.id)
    .filter((u) => !q || `${u.callsign} ${u.agency} ${u.sector}`.toLowerCase().includes(q))
    .map((unit) => ({ unit, metres: unit.fix ? distanceMetres(unit.fix, incident.location) : null, refusal: canBeSent(incident, unit)?.detail ?? null }))
    .sort((a, b) => STATUS_RANK[a.unit.status] - STATUS_RANK[b.unit.status] || (a.metres ?? Infinity) - (b.metres ?? Infinity))
    .sort((a, b) => rank(a.unit.id) - rank(b.unit.id))
    .sort((a, b) => Number(a.refusal !== null) - Number(b.refusal !== null));
}

/** Allocate a unit to the selected incident; the host's ranked recommendations lead the list. */
export function AllocateDialog() {
  const host = useHost();
  const store = useConsoleStore();
  const incidentId = useConsole((s) => s.selectedIncidentId);
  const incident = useConsole((s) => (incidentId ? s.incidents[incidentId] : undefined));
  // Set when this allocation replaces an officer (a reassignment): both happen as one act.
  const replacing = useConsole((s) => s.reassignFrom);
  const replacingCallsign = useConsole((s) => (replacing ? (s.units[replacing]?.callsign ?? replacing) : null));
  const [query, setQuery] = useState('');
  // The cursor follows a unit, not a row number: when the recommendations arrive and the list
  // reorders, Enter still allocates the officer the dispatcher was looking at.
  const [activeUnit, setActiveUnit] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  useReturnFocus();
  useEffect(() => search.current?.focus(), []);

  // Candidates are frozen when the dialog opens (and on each search) so rows do not jump under
  // the dispatcher's cursor as units move.
  const rec = useRecommendation(incident?.id);
  const ranked = rec.status === 'ready' ? rec.value.candidates : [];
  const candidates = useMemo(
    () => (incident ? allocationCandidates(store.getState().units, incident, query, ranked.map((c) => c.unitId)).slice(0, 50) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incident?.id, query, rec],
  );
  const active = Math.max(0, candidates.findIndex((c) => c.unit.id === activeUnit));
  const activeId = candidates[active]?.unit.id;
  // The cursor's row stays in view as the arrows move it through a long list.
  useEffect(() => {
    if (activeId) document.getElementById(`alloc-${activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);
  if (!incident) return null;
  const setActive = (i: number) => setActiveUnit(candidates[i]?.unit.id ?? null);

  const allocate = async (c: AllocationCandidate | undefined) => {
    if (!c || busy) return;
    setBusy(true);
    const r = replacing
      ? await host.call('reassignUnit', { id: incident.id, fromUnitId: replacing, unitId: c.unit.id })
      : await host.call('allocateUnit', { id: incident.id, unitId: c.unit.id });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const s = store.getState();
    s.upsertIncidents([r.value]);
    s.notify(replacing ? `${c.unit.callsign} replaces ${replacingCallsign} on ${incident.ref}.` : `${c.unit.callsign} allocated to ${incident.ref}.`, 'info');
    s.setMode('idle');
    queueMicrotask(focusHome);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.min(candidates.length - 1, Math.max(0, active + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void allocate(candidates[active]);
    }
  };

  return (
    <section
      className="panel allocate"
      aria-label={replacing ? `Reassign ${replacingCallsign}'s place on ${incident.ref}` : `Allocate a unit to ${incident.ref}`}
      data-reassign-from={replacing ?? undefined}
      onKeyDown={onKeyDown}
    >
      <header className="panel-head">
        <h2>
          {replacing ? `Replace ${replacingCallsign} on` : 'Allocate to'} {incident.ref} · P{incident.priority} {CATEGORIES[incident.category]?.label}
        </h2>
        <span className="hint">
          <kbd>↑↓</kbd> choose · <kbd>Enter</kbd> allocate · <kbd>Esc</kbd> cancel
        </span>
      </header>
      <RecommendationPanel rec={rec} />
      <input
        ref={search}
        id="allocate-search"
        type="search"
        placeholder="Filter units by callsign, agency, sector"
        aria-label="Filter units to allocate"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActiveUnit(null);
        }}
        aria-activedescendant={candidates[active] ? `alloc-${candidates[active].unit.id}` : undefined}
        aria-controls="allocate-list"
      />
      <ul id="allocate-list" className="allocate-rows" role="listbox" aria-label="Units to allocate">
        {candidates.map((c, i) => (
          <li
            key={c.unit.id}
            id={`alloc-${c.unit.id}`}
            role="option"
            aria-selected={i === active}
            aria-disabled={c.refusal !== null || undefined}
            className={`${i === active ? 'selected' : ''}${c.refusal ? ' ineligible' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => void allocate(c)}
            data-unit-id={c.unit.id}
          >
            <span className="callsign">{c.unit.callsign}</span>
            <span>{AGENCY_SHORT[c.unit.agency]}</span>
            <span>
              <UnitStatusLabel unit={c.unit} />
            </span>
            <span>{c.unit.sector}</span>
            <span className="dist">{c.metres === null ? 'no fix' : c.metres < 1000 ? `${Math.round(c.metres)} m` : `${(c.metres / 1000).toFixed(1)} km`}</span>
            {c.refusal && (
              <span className="refusal" data-field="refusal">
                may not be sent: {c.refusal}
              </span>
            )}
            {ranked.some((r) => r.unitId === c.unit.id) && (
              <CandidateReasons c={ranked.find((r) => r.unitId === c.unit.id)!} rank={ranked.findIndex((r) => r.unitId === c.unit.id) + 1} />
            )}
          </li>
        ))}
        {candidates.length === 0 && <li className="empty">No unit matches.</li>}
      </ul>
      <FormError error={error} />
    </section>
  );
}

