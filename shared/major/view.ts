import { dueReviews } from './decisions.js';
import { currentMethane, type MajorIncident } from './major-incident.js';
import { compareMethane, type MethaneChange, radioWording } from './methane.js';

/** A major incident as a console shows it: the record, the current message worded, what changed, what is due. */
export interface MajorIncidentView extends MajorIncident {
  /** The current METHANE version as read on the radio. */
  radio: string[];
  /** What the current version changed from the one before. */
  changes: MethaneChange[];
  /** Decisions whose review is due (reminders). */
  reviewsDue: string[];
}

export function majorView(m: MajorIncident, now: number): MajorIncidentView {
  const n = m.methane.length;
  return {
    ...m,
    radio: radioWording(m.id, currentMethane(m)),
    changes: n > 1 ? compareMethane(m.methane[n - 2]!.methane, m.methane[n - 1]!.methane) : [],
    reviewsDue: m.stoodDownAt === null ? dueReviews(m.decisions, now).map((d) => d.id) : [],
  };
}

/** What goes to partner control rooms on `{prefix}/major/{id}/methane`: the current version, as JSON. */
export function methanePayload(m: MajorIncident): string {
  const v = currentMethane(m);
  return JSON.stringify({ id: m.id, version: v.version, at: v.at, by: v.by, location: v.location, ...v.methane, radio: radioWording(m.id, v), stoodDown: m.stoodDownAt !== null });
}

export const methaneTopic = (prefix: string, id: string) => `${prefix}/major/${id}/methane`;
