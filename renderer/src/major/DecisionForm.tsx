import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { FormError } from '../status/FormError.js';

const FIELDS: [string, string][] = [
  ['situation', 'Situation and information'],
  ['assessment', 'Threat and risk assessment'],
  ['powers', 'Powers, policies and procedures'],
  ['options', 'Options considered'],
  ['decision', 'Decision'],
  ['rationale', 'Rationale'],
];

/** One Joint Decision Model entry; it may supersede a decision still in force, never edit it. */
export function DecisionForm({ major, onDone, onCancel }: { major: MajorIncidentView; onDone: (m: MajorIncidentView) => void; onCancel: () => void }) {
  const host = useHost();
  const inForce = major.decisions.filter((d) => !d.supersededBy);
  const [values, setValues] = useState<Record<string, string>>({});
  const [supersedes, setSupersedes] = useState('');
  const [reviewInMin, setReviewInMin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = reviewInMin.trim() ? Number(reviewInMin) : null;
    if (minutes !== null && !(minutes > 0)) return setError('Review in: a number of minutes, or leave it empty.');
    const r = await host.call('logDecision', {
      id: major.id,
      situation: values.situation ?? '',
      assessment: values.assessment ?? '',
      powers: values.powers ?? '',
      options: values.options ?? '',
      decision: values.decision ?? '',
      rationale: values.rationale ?? '',
      ...(minutes !== null && { reviewAt: Date.now() + minutes * 60_000 }),
      ...(supersedes && { supersedes }),
    });
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  };

  return (
    <form className="major-form decision-form" aria-label="Log a decision" onSubmit={submit}>
      <h3>Decision D{major.decisions.length + 1}</h3>
      {FIELDS.map(([key, label], i) => (
        <label key={key}>
          {label}
          <textarea id={`decision-${key}`} ref={i === 0 ? first : undefined} rows={2} maxLength={4000} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        </label>
      ))}
      <span className="row">
        <label>
          Review in (minutes)
          <input id="decision-review" inputMode="numeric" value={reviewInMin} onChange={(e) => setReviewInMin(e.target.value)} />
        </label>
        <label>
          Supersedes
          <select id="decision-supersedes" value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
            <option value="">— none —</option>
            {inForce.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id}: {d.decision.slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
      </span>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          Log decision
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
