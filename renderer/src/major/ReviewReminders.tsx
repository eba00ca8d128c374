import './major.css';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { nextReviewAt } from '../../../shared/major/decisions.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { useCan } from '../session/can.js';
import { FormError } from '../status/FormError.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { majorList } from './majorSlice.js';

export const REVIEW_SHORTCUT = { keys: 'F9', action: 'Decision review due: acknowledge it (Enter) or leave it (Esc)' };

const clock = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));

interface Due {
  major: MajorIncidentView;
  decisionId: string;
  decision: string;
  dueAt: number | undefined;
}

/** Every review due, in every open major incident, oldest first: what the host says is due, nothing computed here. */
function dueReviews(majors: Record<string, MajorIncidentView>): Due[] {
  const out: Due[] = [];
  for (const m of majorList(majors))
    for (const id of m.reviewsDue) {
      const d = m.decisions.find((x) => x.id === id);
      if (d) out.push({ major: m, decisionId: id, decision: d.decision, dueAt: nextReviewAt(d) });
    }
  return out.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
}

/**
 * A decision whose review has come, said across the top of every desk (the dispatcher's as well as
 * the coordinator's) until a later decision supersedes it or a coordinator acknowledges that it
 * stands. F9 opens the acknowledgement for the oldest; the host refuses it to a desk without the role.
 */
export function ReviewReminders() {
  const mayAcknowledge = useCan('acknowledgeReview');
  const majors = useConsole((s) => s.majors);
  const layout = useConsole((s) => s.layout);
  const store = useConsoleStore();
  const due = useMemo(() => dueReviews(majors), [majors]);
  const [acking, setAcking] = useState<{ majorId: string; decisionId: string } | null>(null);
  // A reminder acknowledged elsewhere (another desk) closes the form here too.
  const open = acking && due.find((d) => d.major.id === acking.majorId && d.decisionId === acking.decisionId);

  const latest = useRef({ due, mayAcknowledge });
  latest.current = { due, mayAcknowledge };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9' || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || !latest.current.mayAcknowledge) return;
      const first = latest.current.due[0];
      if (!first) return;
      e.preventDefault();
      e.stopPropagation();
      setAcking({ majorId: first.major.id, decisionId: first.decisionId });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (due.length === 0) return null;
  const show = (id: string) => {
    store.getState().chooseMajor(id);
    if (store.getState().layout !== 'major') store.getState().toggleLayout();
  };
  return (
    <section className="review-reminders" role="alert" aria-label="Decision reviews due" data-reviews-due={due.length}>
      {due.map((d) => (
        <div key={`${d.major.id}/${d.decisionId}`} className="review-due" data-review={`${d.major.id}/${d.decisionId}`}>
          <strong>
            Decision review due {clock(d.dueAt)}: {d.major.id} {d.decisionId}
          </strong>{' '}
          — {d.decision}.{' '}
          {mayAcknowledge ? (
            <>
              Does it stand? Acknowledge it, or log a decision that supersedes it.
              <button type="button" onClick={() => setAcking({ majorId: d.major.id, decisionId: d.decisionId })}>
                Acknowledge… <kbd>F9</kbd>
              </button>
            </>
          ) : (
            'A coordinator or supervisor acknowledges it or supersedes it.'
          )}
          {layout !== 'major' && (
            <button type="button" onClick={() => show(d.major.id)}>
              Open major incident <kbd>M</kbd>
            </button>
          )}
        </div>
      ))}
      {open && <AcknowledgeReview key={`${open.major.id}/${open.decisionId}`} due={open} onClose={() => setAcking(null)} />}
    </section>
  );
}

/** "It stands": what was said, and when to look again (or never). Enter acknowledges; Esc leaves it due. */
function AcknowledgeReview({ due, onClose }: { due: Due; onClose: () => void }) {
  const host = useHost();
  const store = useConsoleStore();
  const [note, setNote] = useState('');
  const [nextInMin, setNextInMin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = nextInMin.trim() ? Number(nextInMin) : null;
    if (minutes !== null && !(minutes > 0)) return setError('Next review in: a number of minutes, or leave it empty for none.');
    const r = await host.call('acknowledgeReview', {
      id: due.major.id,
      decisionId: due.decisionId,
      ...(note.trim() && { note: note.trim() }),
      ...(minutes !== null && { nextReviewAt: Date.now() + store.getState().clockSkewMs + minutes * 60_000 }),
    });
    if (!r.ok) return setError(r.error);
    store.getState().setMajors([r.value], false);
    onClose();
  };

  return (
    <form
      className="review-ack"
      aria-label={`Acknowledge the review of ${due.decisionId}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <label>
        {due.decisionId} stands because
        <input ref={first} id="review-note" maxLength={1000} value={note} placeholder="what was reviewed (optional)" onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        Next review in (minutes)
        <input id="review-next" inputMode="numeric" size={5} value={nextInMin} placeholder="none" onChange={(e) => setNextInMin(e.target.value)} />
      </label>
      <button type="submit" id="review-acknowledge" className="primary">
        It stands <kbd>Enter</kbd>
      </button>
      <button type="button" onClick={onClose}>
        Not now <kbd>Esc</kbd>
      </button>
      <FormError error={error} />
    </form>
  );
}
