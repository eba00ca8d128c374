import type { IncidentId, UnitId } from '../domain/ids.js';
import { type Decision, recordDecision, recordReview } from './decisions.js';
import type { Methane, MethaneVersion } from './methane.js';
import type { Scene } from './scene.js';

export type MajorIncidentId = string & { readonly __brand: 'MajorIncidentId' };
export const majorIncidentId = (s: string) => s as MajorIncidentId;

/** A unit committed to the major incident: from when, by whom, and when it was released. */
interface Commitment {
  unitId: UnitId;
  committedAt: number;
  committedBy: string;
  releasedAt: number | null;
  releasedBy: string | null;
}

export interface MajorIncident {
  id: MajorIncidentId;
  /** The incident it was declared from; null when declared from a place on the map. */
  incidentId: IncidentId | null;
  location: { lat: number; lon: number };
  declaredAt: number;
  declaredBy: string;
  /** Every METHANE version, oldest first: versions are never replaced. */
  methane: MethaneVersion[];
  decisions: Decision[];
  commitments: Commitment[];
  stoodDownAt: number | null;
  stoodDownBy: string | null;
  /** Cordons, rendezvous point and marshalling area as last drawn; absent until drawn. */
  scene?: Scene;
}

/** The major incident's events, as journaled (members of the journal's event union). */
export type MajorIncidentEvent =
  | { type: 'major.declared'; majorId: MajorIncidentId; incidentId: IncidentId | null; location: { lat: number; lon: number }; methane: Methane; at: number; by: string }
  | { type: 'major.methane'; majorId: MajorIncidentId; version: number; location: { lat: number; lon: number }; methane: Methane; at: number; by: string }
  | { type: 'major.decision'; majorId: MajorIncidentId; decision: Decision }
  /** A due review acknowledged: the decision stands. `dueAt` is the review time it answers. */
  | { type: 'major.review_acknowledged'; majorId: MajorIncidentId; decisionId: string; dueAt: number; at: number; by: string; note?: string; nextReviewAt?: number }
  | { type: 'major.unit_committed'; majorId: MajorIncidentId; unitId: UnitId; at: number; by: string }
  | { type: 'major.unit_released'; majorId: MajorIncidentId; unitId: UnitId; at: number; by: string }
  | { type: 'major.stood_down'; majorId: MajorIncidentId; at: number; by: string }
  | { type: 'major.scene'; majorId: MajorIncidentId; scene: Scene; at: number; by: string };

export const isMajorEvent = (e: { type: string }): e is MajorIncidentEvent => e.type.startsWith('major.');

/** The unit's open commitment, if it is committed now. */
export const openCommitment = (m: MajorIncident, unit: UnitId) => m.commitments.find((c) => c.unitId === unit && c.releasedAt === null);

export const currentMethane = (m: MajorIncident): MethaneVersion => m.methane[m.methane.length - 1]!;

/** Applies one major-incident event; events about a major incident it does not know are ignored, so a replay never throws. */
export function applyMajorEvent(majors: Map<MajorIncidentId, MajorIncident>, e: MajorIncidentEvent): void {
  if (e.type === 'major.declared') {
    majors.set(e.majorId, {
      id: e.majorId,
      incidentId: e.incidentId,
      location: e.location,
      declaredAt: e.at,
      declaredBy: e.by,
      methane: [{ version: 1, methane: e.methane, location: e.location, at: e.at, by: e.by }],
      decisions: [],
      commitments: [],
      stoodDownAt: null,
      stoodDownBy: null,
    });
    return;
  }
  const m = majors.get(e.majorId);
  if (!m) return;
  switch (e.type) {
    case 'major.methane':
      m.methane.push({ version: e.version, methane: e.methane, location: e.location, at: e.at, by: e.by });
      m.location = e.location;
      return;
    case 'major.decision':
      recordDecision(m.decisions, structuredClone(e.decision));
      return;
    case 'major.review_acknowledged':
      recordReview(m.decisions, e.decisionId, {
        at: e.at,
        by: e.by,
        dueAt: e.dueAt,
        ...(e.note !== undefined && { note: e.note }),
        ...(e.nextReviewAt !== undefined && { nextReviewAt: e.nextReviewAt }),
      });
      return;
    case 'major.unit_committed':
      if (!openCommitment(m, e.unitId)) m.commitments.push({ unitId: e.unitId, committedAt: e.at, committedBy: e.by, releasedAt: null, releasedBy: null });
      return;
    case 'major.unit_released': {
      const c = openCommitment(m, e.unitId);
      if (c) {
        c.releasedAt = e.at;
        c.releasedBy = e.by;
      }
      return;
    }
    case 'major.scene':
      m.scene = e.scene;
      return;
    case 'major.stood_down':
      m.stoodDownAt = e.at;
      m.stoodDownBy = e.by;
      // Stand-down releases everyone still committed, at that moment.
      for (const c of m.commitments)
        if (c.releasedAt === null) {
          c.releasedAt = e.at;
          c.releasedBy = e.by;
        }
      return;
  }
}
