import './major.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AGENCY_LABELS } from '../../../shared/domain/agencies.js';
import { isOpen } from '../../../shared/domain/lifecycle.js';
import { TIMELINE_KINDS, type TimelineKind } from '../../../shared/major/debrief.js';
import { nextReviewAt } from '../../../shared/major/decisions.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { DebriefViewer } from './DebriefViewer.js';
import { ReportDialog } from './ReportDialog.js';
import { DecisionForm } from './DecisionForm.js';
import { ManualEntryForm } from './ManualEntryForm.js';
import { ScenePanel } from './ScenePanel.js';
import { MethaneForm } from './MethaneForm.js';
import { useMajorIncidents, useTimeline } from './useMajorIncidents.js';
import { FormError } from '../status/FormError.js';
import { useCan } from '../session/can.js';

const clock = (ms: number | null | undefined) => (ms == null ? '—' : new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }));

type Editing = 'declare' | 'methane' | 'decision' | null;

/** The coordinator's layout: one major incident's message, decisions, units and timeline. Routine dispatch goes on behind M. */
export function MajorWorkspace() {
  const host = useHost();
  const mayDeclare = useCan('declareMajorIncident');
  const mayRun = useCan('logDecision');
  const list = useMajorIncidents();
  const chosen = useConsole((s) => s.chosenMajor);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [debrief, setDebrief] = useState<string | null>(null);
  const major = list.find((m) => m.id === chosen) ?? list.find((m) => m.stoodDownAt === null) ?? list[0] ?? null;
  const routine = useConsole((s) => Object.values(s.incidents).filter((i) => isOpen(i.state)).length);
  const store = useConsoleStore();
  // The map draws the scene of the major incident on screen, and nothing once the layout is left.
  const scene = major?.scene ?? null;
  useEffect(() => {
    store.getState().setMajorScene(scene);
  }, [store, scene]);
  useEffect(() => () => store.getState().setMajorScene(null), [store]);

  const done = (m: MajorIncidentView) => {
    // The answer is the record as committed: shown at once, before the stream brings it to every desk.
    store.getState().setMajors([m], false);
    store.getState().chooseMajor(m.id);
    setEditing(null);
    setNotice(null);
  };
  const act = async (p: Promise<{ ok: true; value: MajorIncidentView } | { ok: false; error: string }>) => {
    const r = await p;
    if (r.ok) done(r.value);
    else setNotice(r.error);
  };

  return (
    <section className="major-workspace" aria-label="Major incident">
      <header className="panel-head">
        <h2>Major incident</h2>
        {list.length > 0 && (
          <select id="major-choose" aria-label="Major incident" value={major?.id ?? ''} onChange={(e) => store.getState().chooseMajor(e.target.value)}>
            {list.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} {m.stoodDownAt ? '(stood down)' : ''}
              </option>
            ))}
          </select>
        )}
        {mayDeclare && (
          <button type="button" id="major-declare" onClick={() => setEditing('declare')}>
            Declare…
          </button>
        )}
        <span className="hint">
          Routine queue: {routine} open · <kbd>M</kbd> back to dispatch
        </span>
      </header>
      <FormError error={notice} />
      {editing === 'declare' && <MethaneForm major={null} onDone={done} onCancel={() => setEditing(null)} />}
      {!major && editing !== 'declare' && <p className="empty">No major incident. Select an incident in the queue, or none to declare at a place, and press Declare.</p>}
      {major && (
        <div className="major-grid">
          <MethanePanel major={major} editing={editing === 'methane'} onEdit={mayRun ? () => setEditing('methane') : undefined} onDone={done} onCancel={() => setEditing(null)} />
          <section className="major-box" aria-label="Decision log">
            <h3>
              Decision log
              {mayRun && major.stoodDownAt === null && editing !== 'decision' && (
                <button type="button" id="major-log-decision" onClick={() => setEditing('decision')}>
                  Log decision…
                </button>
              )}
            </h3>
            {editing === 'decision' && <DecisionForm major={major} onDone={done} onCancel={() => setEditing(null)} />}
            <ol className="decisions">
              {major.decisions.map((d) => (
                <li key={d.id} className={d.supersededBy ? 'superseded' : ''} data-decision={d.id}>
                  <b>{d.id}</b> {clock(d.at)} {d.by}: {d.decision}
                  {d.supersedes && <span className="tag">supersedes {d.supersedes}</span>}
                  {d.supersededBy && <span className="tag">superseded by {d.supersededBy}</span>}
                  {!d.supersededBy && nextReviewAt(d) !== undefined && (
                    <span className={`tag${major.reviewsDue.includes(d.id) ? ' due' : ''}`}>
                      {major.reviewsDue.includes(d.id) ? 'review due' : 'review'} {clock(nextReviewAt(d))}
                    </span>
                  )}
                  {d.reviews?.map((r) => (
                    <div key={r.at} className="why">
                      Reviewed {clock(r.at)} by {r.by}: stands{r.note ? ` — ${r.note}` : ''}
                    </div>
                  ))}
                  <div className="why">{d.rationale}</div>
                </li>
              ))}
            </ol>
          </section>
          <ScenePanel key={major.id} major={major} onDraw={(input) => act(host.call('drawMajorScene', { id: major.id, ...input }))} />
          <CommittedUnits major={major} onAct={(unitId, committed) => act(host.call('commitUnitToMajor', { id: major.id, unitId, committed }))} />
          <Timeline major={major} />
          <footer className="major-actions">
            {mayRun && (
              <button type="button" id="major-debrief" onClick={() => setDebrief(major.id)}>
                Debrief…
              </button>
            )}
            {!mayRun ? null : major.stoodDownAt === null ? (
              <StandDown id={major.id} onConfirm={() => act(host.call('standDownMajorIncident', { id: major.id }))} />
            ) : (
              <span className="stood-down">
                Stood down {clock(major.stoodDownAt)} by {major.stoodDownBy}
              </span>
            )}
          </footer>
        </div>
      )}
      {debrief && <DebriefViewer id={debrief} onClose={() => setDebrief(null)} />}
    </section>
  );
}

function MethanePanel(p: { major: MajorIncidentView; editing: boolean; onEdit?: () => void; onDone: (m: MajorIncidentView) => void; onCancel: () => void }) {
  const { major } = p;
  const [printing, setPrinting] = useState(false);
  return (
    <section className="major-box" aria-label="METHANE">
      <h3>
        METHANE — version {major.methane.length}
        {p.onEdit && major.stoodDownAt === null && !p.editing && (
          <button type="button" id="major-update-methane" onClick={p.onEdit}>
            Update…
          </button>
        )}
      </h3>
      {p.editing ? <MethaneForm major={major} onDone={p.onDone} onCancel={p.onCancel} /> : <pre className="radio">{major.radio.join('\n')}</pre>}
      {!p.editing && (
        <button type="button" id="methane-printable" onClick={() => setPrinting(true)}>
          Printable page…
        </button>
      )}
      {printing && <MethanePage id={major.id} version={major.methane.length} onClose={() => setPrinting(false)} />}
      {major.changes.length > 0 && (
        <ul className="changes" aria-label="Changed since the last version">
          {major.changes.map((c) => (
            <li key={c.field}>
              {c.letter} {c.words.toLowerCase()}: <s>{c.before}</s> → <b>{c.after}</b>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The current METHANE version as a page to print or pass on, in the standard order and wording. */
function MethanePage({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const host = useHost();
  const load = useCallback(() => host.call('getMethane', { id, version, format: 'html' }), [host, id, version]);
  return <ReportDialog name="methane" title={`METHANE ${id} version ${version}`} load={load} onClose={onClose} />;
}

function CommittedUnits({ major, onAct }: { major: MajorIncidentView; onAct: (unitId: string, committed: boolean) => void }) {
  const units = useConsole((s) => s.units);
  const [pick, setPick] = useState('');
  const [byHand, setByHand] = useState<string | null>(null);
  const committed = new Set(major.commitments.filter((c) => c.releasedAt === null).map((c) => c.unitId));
  const free = Object.values(units)
    .filter((u) => !committed.has(u.id) && u.status !== 'off_duty')
    .sort((a, b) => a.callsign.localeCompare(b.callsign));
  const rows = [...major.commitments].sort((a, b) => {
    const ua = units[a.unitId];
    const ub = units[b.unitId];
    return (ua ? AGENCY_LABELS[ua.agency] : '').localeCompare(ub ? AGENCY_LABELS[ub.agency] : '') || a.committedAt - b.committedAt;
  });
  return (
    <section className="major-box" aria-label="Committed units">
      <h3>Committed units ({committed.size})</h3>
      {major.stoodDownAt === null && (
        <span className="row">
          <select id="major-commit-unit" aria-label="Unit to commit" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">— choose a unit —</option>
            {free.map((u) => (
              <option key={u.id} value={u.id}>
                {u.callsign} ({AGENCY_LABELS[u.agency]}, {u.status.replace('_', ' ')})
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!pick}
            onClick={() => {
              onAct(pick, true);
              setPick('');
            }}
          >
            Commit
          </button>
        </span>
      )}
      <table className="committed">
        <tbody>
          {rows.map((c) => {
            const u = units[c.unitId];
            return (
              <tr key={`${c.unitId}@${c.committedAt}`} className={c.releasedAt ? 'released' : ''}>
                <td>{u ? AGENCY_LABELS[u.agency] : ''}</td>
                <td>{u?.callsign ?? c.unitId}</td>
                <td>
                  {u?.status.replace('_', ' ')}
                  {u?.statusBy && <span className="tag" title={`entered by hand by ${u.statusBy}`}>by hand</span>}
                  {u?.fix?.by && <span className="tag" title={`position entered by hand by ${u.fix.by}`}>position by hand</span>}
                </td>
                <td>
                  {clock(c.committedAt)}
                  {c.releasedAt ? ` – ${clock(c.releasedAt)}` : ''}
                </td>
                <td>
                  {!c.releasedAt && major.stoodDownAt === null && (
                    <>
                      <button type="button" onClick={() => setByHand(c.unitId)} title="Status or position heard on the radio">
                        By hand…
                      </button>
                      <button type="button" onClick={() => onAct(c.unitId, false)}>
                        Release
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {byHand && <ManualEntryForm key={byHand} unitId={byHand} callsign={units[byHand]?.callsign ?? byHand} onDone={() => setByHand(null)} />}
    </section>
  );
}

function Timeline({ major }: { major: MajorIncidentView }) {
  // Asked again when anything it lists may have moved: the record itself, its incident, or a committed unit.
  const incident = useConsole((s) => (major.incidentId ? s.incidents[major.incidentId] : undefined));
  const units = useConsole((s) =>
    major.commitments
      .map((c) => {
        const u = s.units[c.unitId];
        return `${u?.statusTs}/${u?.emergency?.ts}/${u?.bwv?.ts}`;
      })
      .join(),
  );
  const entries = useTimeline(major, incident, units);
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const [text, setText] = useState('');
  const shown = useMemo(() => {
    const t = text.trim().toLowerCase();
    return entries.filter((e) => (!kind || e.kind === kind) && (!t || e.text.toLowerCase().includes(t))).reverse();
  }, [entries, kind, text]);
  return (
    <section className="major-box timeline" aria-label="Timeline">
      <h3>Timeline</h3>
      <span className="row">
        <select id="timeline-kind" aria-label="Show only" value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | '')}>
          <option value="">everything</option>
          {TIMELINE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <input id="timeline-filter" aria-label="Filter the timeline" placeholder="filter…" value={text} onChange={(e) => setText(e.target.value)} />
      </span>
      <ol className="timeline-list">
        {shown.map((e) => (
          <li key={e.seq} data-kind={e.kind}>
            <time>{clock(e.at)}</time> <span className="tag">{e.kind}</span> {e.text}
            {e.by && <span className="by"> — {e.by}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function StandDown({ id, onConfirm }: { id: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" id="major-stand-down" onClick={() => setAsking(true)}>
        Stand down…
      </button>
    );
  return (
    <span className="row" role="group" aria-label="Confirm stand-down">
      Stand down {id}? The record closes.
      <button type="button" id="major-stand-down-confirm" className="primary" onClick={onConfirm}>
        Stand down
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
