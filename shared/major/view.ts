import { dueReviews } from './decisions.js';
import { currentMethane, type MajorIncident } from './major-incident.js';
import { compareMethane, type Methane, type MethaneChange, type MethaneLine, methaneHeader, methaneLines, methanePosition, type MethaneVersion, radioWording } from './methane.js';

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

/**
 * One METHANE version as sent to partner control rooms and printed: the message, its radio wording
 * and its lines in the standard order, and what changed from the version before.
 */
export interface MethaneMessage extends Methane {
  id: string;
  version: number;
  at: number;
  by: string;
  location: { lat: number; lon: number };
  header: string;
  lines: MethaneLine[];
  position: string;
  radio: string[];
  changes: MethaneChange[];
  stoodDown: boolean;
}

export function methaneMessage(m: MajorIncident, v: MethaneVersion = currentMethane(m)): MethaneMessage {
  const before = m.methane[v.version - 2];
  return {
    id: m.id,
    version: v.version,
    at: v.at,
    by: v.by,
    location: v.location,
    ...v.methane,
    header: methaneHeader(m.id, v),
    lines: methaneLines(v.methane),
    position: methanePosition(v),
    radio: radioWording(m.id, v),
    changes: before ? compareMethane(before.methane, v.methane) : [],
    stoodDown: m.stoodDownAt !== null,
  };
}

/** What goes to partner control rooms on `{prefix}/major/{id}/methane`: the current version, as JSON. */
export function methanePayload(m: MajorIncident): string {
  const { id, version, at, by, location, radio, stoodDown } = methaneMessage(m);
  return JSON.stringify({ id, version, at, by, location, ...currentMethane(m).methane, radio, stoodDown });
}

export const methaneTopic = (prefix: string, id: string) => `${prefix}/major/${id}/methane`;
