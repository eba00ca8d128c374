export const INCIDENT_STATES = [
  'received',
  'triaged',
  'allocated',
  'en_route',
  'on_scene',
  'resolved',
  'closed',
  'cancelled',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** `reopened` is a transition, not a state: it returns an incident to `triaged`. */
export type IncidentAction = IncidentState | 'reopened';

const NEXT: Record<IncidentState, readonly IncidentAction[]> = {
  received: ['triaged', 'allocated', 'cancelled'],
  triaged: ['allocated', 'cancelled'],
  allocated: ['en_route', 'on_scene', 'resolved', 'triaged', 'cancelled'],
  en_route: ['on_scene', 'resolved', 'triaged', 'cancelled'],
  on_scene: ['resolved', 'cancelled'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: ['reopened'],
};

const OPEN_STATES: readonly IncidentState[] = ['received', 'triaged', 'allocated', 'en_route', 'on_scene'];
export const isOpen = (s: IncidentState) => OPEN_STATES.includes(s);

export type TransitionCheck = { ok: true; to: IncidentState } | { ok: false; error: string };

export function checkTransition(from: IncidentState, action: IncidentAction): TransitionCheck {
  if (!NEXT[from].includes(action)) {
    const allowed = NEXT[from].join(', ');
    return { ok: false, error: `An incident that is ${from.replace('_', ' ')} cannot be ${action.replace('_', ' ')}; allowed next: ${allowed}.` };
  }
  return { ok: true, to: action === 'reopened' ? 'triaged' : action };
}

