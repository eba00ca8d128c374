import type { IncidentState } from '../../../shared/domain/lifecycle.js';

export const STATE_LABELS: Record<IncidentState, string> = {
  received: 'Received',
  triaged: 'Triaged',
  allocated: 'Allocated',
  en_route: 'En route',
  on_scene: 'On scene',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
