import { z } from 'zod';
import { ActingOperator as Operator } from '../auth/schemas.js';

// Major-incident operations' inputs: the public contract's body names, exactly.
const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'ids use letters, digits and _ . : @ -');
const Text = (max: number) => z.string().trim().max(max);
const LatLon = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

const MethaneBody = {
  location: LatLon,
  majorIncidentDeclared: z.boolean(),
  exactLocation: Text(300),
  type: Text(300),
  hazards: Text(1000),
  access: Text(1000),
  casualties: Text(1000),
  emergencyServices: Text(1000),
  operator: Operator,
};

export const DeclareMajorSchema = z.object({ incidentId: Id.optional(), ...MethaneBody });
export const MethaneUpdateSchema = z.object({ id: Id, ...MethaneBody });
/** Epoch ms, or an ISO 8601 date and time. */
const Moment = z.union([z.number().int().min(0), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]);
const DecisionId = z.string().regex(/^D\d{1,5}$/, 'a decision is named D1, D2…');
export const DecisionSchema = z.object({
  id: Id,
  situation: Text(4000),
  assessment: Text(4000),
  powers: Text(4000),
  options: Text(4000),
  decision: Text(4000).min(1, 'the decision must be written down'),
  rationale: Text(4000).min(1, 'the rationale must be written down'),
  reviewAt: Moment.optional(),
  /** The decision this one replaces (D1, D2…): decisions are never edited. */
  supersedes: DecisionId.optional(),
  operator: Operator,
});
/** A due review acknowledged: the decision stands, with what was said and perhaps a next review. */
export const ReviewSchema = z.object({ id: Id, decisionId: DecisionId, note: Text(1000).optional(), nextReviewAt: Moment.optional(), operator: Operator });
export const CommitmentSchema = z.object({ id: Id, unitId: Id, committed: z.boolean(), operator: Operator });
const Radius = z.number().min(10).max(20_000);
/** A cordon drawn freehand: its corners in order (the ring closes itself). */
const Cordon = z.array(LatLon).min(3, 'a cordon needs three corners or more').max(200);
export const SceneSchema = z.object({
  id: Id,
  innerRadiusM: Radius.optional(),
  outerRadiusM: Radius.optional(),
  innerCordon: Cordon.optional(),
  outerCordon: Cordon.optional(),
  rvp: LatLon.optional(),
  marshalling: LatLon.optional(),
  accessRoute: z.array(LatLon).max(200).optional(),
  operator: Operator,
});
export const StandDownSchema = z.object({ id: Id, operator: Operator });
/** One METHANE version (the current one by default), as JSON or as the printable page. */
export const MethaneQuerySchema = z.object({ id: Id, version: z.coerce.number().int().min(1).optional(), format: z.enum(['json', 'html']).default('json') });
export const DebriefSchema = z.object({ id: Id, format: z.enum(['json', 'html', 'pdf']).default('json') });
