import type { Incident, IncidentSource } from '../../../shared/domain/incidents.js';
import { type IncidentState, isOpen } from '../../../shared/domain/lifecycle.js';

export interface QueueFilter {
  /** 'open' (the working queue) or one state. */
  status: 'open' | IncidentState;
  priority: '' | '1' | '2' | '3' | '4';
  sector: string;
  category: string;
  source: '' | IncidentSource;
  /** Reference, place (address or the caller's words) or date (YYYY-MM-DD): finds closed ones too. */
  search: string;
}

export const NO_FILTER: QueueFilter = { status: 'open', priority: '', sector: '', category: '', source: '', search: '' };

export const isFiltered = (f: QueueFilter) => JSON.stringify(f) !== JSON.stringify(NO_FILTER);

const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function matchesSearch(i: Incident, q: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(q)) return localDate(i.createdAt) === q;
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${i.ref} ${i.address ?? ''} ${i.description} ${i.sector ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * The queue as filtered: open incidents most urgent and oldest first; with a search, finished ones
 * too (a search is how a closed incident is found again), newest first after the open ones.
 */
export function filterQueue(incidents: Record<string, Incident>, f: QueueFilter): Incident[] {
  const q = f.search.trim();
  return Object.values(incidents)
    .filter((i) => (f.status === 'open' ? isOpen(i.state) || q !== '' : i.state === f.status))
    .filter((i) => !f.priority || i.priority === Number(f.priority))
    .filter((i) => !f.sector || i.sector === f.sector)
    .filter((i) => !f.category || i.category === f.category)
    .filter((i) => !f.source || i.source === f.source)
    .filter((i) => !q || matchesSearch(i, q))
    .sort((a, b) => {
      const open = Number(isOpen(b.state)) - Number(isOpen(a.state));
      if (open) return open;
      return isOpen(a.state) ? a.priority - b.priority || a.createdAt - b.createdAt : b.createdAt - a.createdAt;
    });
}
