import type { JournalRecord } from '../events.js';
import { CATEGORIES, type CategoryId } from './categories.js';
import type { IncidentSource } from './incidents.js';

type IncidentLogKind = 'created' | 'report' | 'transition' | 'note' | 'amended' | 'allocated' | 'acknowledged' | 'escalated' | 'withdrawn' | 'bwv';

/** One line of an incident's log, as the dispatcher reads it: what, who, when. */
export interface IncidentLogEntry {
  seq: number;
  at: number;
  /** The operator, or the device or partner that did it. */
  by: string;
  kind: IncidentLogKind;
  text: string;
  /** For a report (the first or a linked one): where it came from and the reporter's own words. */
  report?: { source: IncidentSource; words: string };
}

export const SOURCE_LABELS: Record<IncidentSource, string> = {
  dispatcher: 'phone (dispatcher)',
  open311: 'Open311 partner',
  mqtt: 'MQTT partner',
};

const sourceLabel = (s: string) => (SOURCE_LABELS as Record<string, string | undefined>)[s] ?? s;
const categoryLabel = (c: CategoryId) => CATEGORIES[c]?.label ?? c;
const stateWords = (s: string) => s.replace('_', ' ');

/**
 * The incident's journal events as log lines, oldest first. Read from the journal rather than the
 * projected incident because the journal is the record: every note, allocation and change, with
 * who did it and when, including those the incident itself no longer shows.
 */
export function incidentLog(records: readonly JournalRecord[], callsignOf: (unitId: string) => string): IncidentLogEntry[] {
  const out: IncidentLogEntry[] = [];
  for (const { seq, event: e } of records) {
    switch (e.type) {
      case 'incident.created': {
        const i = e.incident;
        out.push({
          seq,
          at: i.createdAt,
          by: i.createdBy,
          kind: 'created',
          text: `Received by ${sourceLabel(i.source)}: P${i.priority} ${categoryLabel(i.category)}`,
          report: { source: i.source, words: i.description },
        });
        break;
      }
      case 'incident.report_linked':
        out.push({ seq, at: e.at, by: e.by, kind: 'report', text: `Further report linked (${sourceLabel(e.source)})`, report: { source: e.source, words: e.description ?? '' } });
        break;
      case 'incident.transition':
        out.push({ seq, at: e.at, by: e.by, kind: 'transition', text: `${e.action === 'reopened' ? 'Reopened' : `Now ${stateWords(e.to)}`}${e.note ? `: ${e.note}` : ''}` });
        break;
      case 'incident.note':
        out.push({ seq, at: e.at, by: e.by, kind: 'note', text: `Note: ${e.text}` });
        break;
      case 'incident.amended': {
        const what = [e.priority !== undefined && `priority to P${e.priority}`, e.category !== undefined && `category to ${categoryLabel(e.category)}`].filter(Boolean).join(' and ');
        out.push({ seq, at: e.at, by: e.by, kind: 'amended', text: `Changed ${what}: ${e.reason}` });
        break;
      }
      case 'allocation.created':
        out.push({ seq, at: e.at, by: e.by, kind: 'allocated', text: `${callsignOf(e.unitId)} allocated` });
        break;
      case 'allocation.acknowledged':
        out.push({ seq, at: e.at, by: callsignOf(e.unitId), kind: 'acknowledged', text: `${callsignOf(e.unitId)} acknowledged the assignment` });
        break;
      case 'allocation.escalated':
        out.push({ seq, at: e.at, by: 'console', kind: 'escalated', text: `${callsignOf(e.unitId)} did not acknowledge in time` });
        break;
      case 'allocation.withdrawn':
        out.push({ seq, at: e.at, by: e.by, kind: 'withdrawn', text: `${callsignOf(e.unitId)} de-allocated${e.reason ? `: ${e.reason}` : ''}` });
        break;
      case 'unit.bwv':
        out.push({ seq, at: e.ts, by: callsignOf(e.unitId), kind: 'bwv', text: `${callsignOf(e.unitId)} body-worn video ${e.recording ? 'started' : 'stopped'}` });
        break;
      default:
        break;
    }
  }
  return out;
}
