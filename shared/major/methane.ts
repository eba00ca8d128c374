/**
 * The JESIP M/ETHANE message: what a coordinator passes to every agency when a major incident is
 * declared, and again at each update. Each version is kept; the radio wording follows the
 * standard order so a listener can write it down line by line.
 */
export interface Methane {
  /** M: has a major incident been declared (false: ETHANE, a warning that one may be). */
  majorIncidentDeclared: boolean;
  /** E: exact location, as a crew would find it (grid, what3words, a landmark). */
  exactLocation: string;
  /** T: type of incident. */
  type: string;
  /** H: hazards, present and potential. */
  hazards: string;
  /** A: access and egress routes, rendezvous points. */
  access: string;
  /** N: number and severity of casualties. */
  casualties: string;
  /** E: emergency services present and those required. */
  emergencyServices: string;
}

/** The fields in the standard order, with the words said on the radio for each. */
const METHANE_FIELDS = [
  ['majorIncidentDeclared', 'M', 'MAJOR INCIDENT DECLARED'],
  ['exactLocation', 'E', 'EXACT LOCATION'],
  ['type', 'T', 'TYPE OF INCIDENT'],
  ['hazards', 'H', 'HAZARDS'],
  ['access', 'A', 'ACCESS'],
  ['casualties', 'N', 'NUMBER AND SEVERITY OF CASUALTIES'],
  ['emergencyServices', 'E', 'EMERGENCY SERVICES'],
] as const satisfies readonly (readonly [keyof Methane, string, string])[];

/** A version as journaled: the message, who sent it and when. */
export interface MethaneVersion {
  version: number;
  methane: Methane;
  location: { lat: number; lon: number };
  at: number;
  by: string;
}

const MIN_TEXT = 2;

/**
 * Why a message cannot go out, field by field; empty when it can. Every line must be said: an
 * unknown is passed as "none known" or "unknown", never left out, or a listener cannot tell a
 * missing line from a quiet one.
 */
export function methaneProblems(m: Methane): string[] {
  const problems: string[] = [];
  for (const [key, letter, words] of METHANE_FIELDS) {
    if (key === 'majorIncidentDeclared') continue;
    const v = m[key].trim();
    if (v.length < MIN_TEXT) problems.push(`${letter} (${words.toLowerCase()}) must be given: say "none known" or "unknown" rather than leave it out.`);
  }
  return problems;
}

const fieldText = (m: Methane, key: keyof Methane) =>
  key === 'majorIncidentDeclared' ? (m.majorIncidentDeclared ? 'YES — MAJOR INCIDENT DECLARED' : 'NO — MAJOR INCIDENT STANDBY') : m[key].trim();

/** One line of the message in the standard order: its letter, the words said for it, and what it says. */
export interface MethaneLine {
  field: keyof Methane;
  letter: string;
  words: string;
  text: string;
}

/** The lines of a message in the standard order; an ETHANE (no declaration yet) has no M line. */
export function methaneLines(m: Methane): MethaneLine[] {
  return METHANE_FIELDS.filter(([key]) => m.majorIncidentDeclared || key !== 'majorIncidentDeclared').map(([field, letter, words]) => ({ field, letter, words, text: fieldText(m, field) }));
}

/** The header said before the lines: which message, which version, when and from whom. */
export function methaneHeader(id: string, v: MethaneVersion): string {
  const time = new Date(v.at).toISOString().slice(11, 16);
  return `${v.methane.majorIncidentDeclared ? 'METHANE' : 'ETHANE'} MESSAGE ${id}, VERSION ${v.version}, ${time} UTC, FROM ${v.by.toUpperCase()}`;
}

export const methanePosition = (v: MethaneVersion) => `POSITION ${v.location.lat.toFixed(5)}, ${v.location.lon.toFixed(5)}. ENDS.`;

/** The message as read out on the radio: a header, then one line per letter in the standard order. */
export function radioWording(id: string, v: MethaneVersion): string[] {
  return [methaneHeader(id, v), ...methaneLines(v.methane).map((l) => `${l.letter} — ${l.words}: ${l.text}`), methanePosition(v)];
}

export interface MethaneChange {
  field: keyof Methane;
  letter: string;
  words: string;
  before: string;
  after: string;
}

/** What changed from one version to the next, in the standard order: what a listener must update. */
export function compareMethane(before: Methane, after: Methane): MethaneChange[] {
  const out: MethaneChange[] = [];
  for (const [key, letter, words] of METHANE_FIELDS) {
    const b = fieldText(before, key);
    const a = fieldText(after, key);
    if (a !== b) out.push({ field: key, letter, words, before: b, after: a });
  }
  return out;
}
