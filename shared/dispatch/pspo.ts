import { z } from 'zod';
import type { CategoryId } from '../domain/categories.js';
import type { LatLon, Prohibition } from '../domain/incidents.js';
import type { Power } from '../domain/powers.js';
import { type FeatureCollection, pointInPolygon } from '../geo/geometry.js';
import type { Result } from '../result.js';

/**
 * Public Space Protection Orders: zones a supervisor loads as GeoJSON, each with
 * the behaviours it controls and the local hours each rule applies.
 */
export interface PspoRule {
  behaviour: string;
  from: string;
  to: string;
}
interface PspoZoneProperties {
  id: string;
  name: string;
  rules: PspoRule[];
}
export type PspoZoneCollection = FeatureCollection<PspoZoneProperties>;

interface BehaviourRule {
  label: string;
  category: CategoryId;
  /** Any one of these lets an officer enforce it; pspo_enforcement always does. */
  powers: Power[];
}

/**
 * How each controlled behaviour is dealt with, and by whom. Unknown behaviours are PSPO breaches.
 * A Map, because behaviour names come from a supervisor's file: a plain object would answer
 * "constructor" with Object itself and every incident in that zone would carry no powers.
 */
const PSPO_BEHAVIOURS: ReadonlyMap<string, BehaviourRule> = new Map([
  ['alcohol', { label: 'No drinking alcohol', category: 'street_drinking', powers: ['alcohol_designated_place', 'pspo_enforcement'] }],
  ['begging', { label: 'No begging', category: 'begging', powers: ['begging', 'pspo_enforcement'] }],
  ['busking', { label: 'No busking', category: 'pspo_breach', powers: ['pspo_enforcement'] }],
  ['cycling', { label: 'No cycling', category: 'cycling_footway', powers: ['pn_cycling_footway', 'pspo_enforcement'] }],
]);

const behaviourRule = (behaviour: string): BehaviourRule =>
  PSPO_BEHAVIOURS.get(behaviour) ?? { label: `No ${behaviour.replaceAll('_', ' ')}`, category: 'pspo_breach', powers: ['pspo_enforcement'] };

/**
 * A behaviour is a lower-case word or words joined by `_`, beginning with a letter. Names that
 * JavaScript objects already answer to (`constructor`, `__proto__`, `hasOwnProperty`…) are
 * refused outright: whatever else reads these files, such a name is never just a behaviour there.
 */
const BEHAVIOUR = /^[a-z][a-z0-9_]{0,39}$/;
const RESERVED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).map((n) => n.toLowerCase()));
function behaviourNameProblem(name: string): string | null {
  if (!BEHAVIOUR.test(name)) return `"${name.slice(0, 40)}" is not a behaviour name: use lower-case letters, digits and _, beginning with a letter (e.g. alcohol)`;
  if (RESERVED_NAMES.has(name)) return `"${name}" is a reserved word and cannot name a behaviour`;
  return null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a rule applies at `minuteOfDay` (0..1439); `to` earlier than `from` wraps midnight. */
export function ruleInForce(rule: Pick<PspoRule, 'from' | 'to'>, minuteOfDay: number): boolean {
  const from = minutes(rule.from);
  const to = minutes(rule.to);
  if (from === to || (from === 0 && to === 1440)) return true;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

const hoursLabel = (r: Pick<PspoRule, 'from' | 'to'>) =>
  minutes(r.from) === minutes(r.to) || (r.from === '00:00' && r.to === '24:00') ? 'all day' : `${r.from}–${r.to}`;

// Orders are made in local time: a rule "20:00–08:00" means Peterborough's clock, summer or winter.
const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function localMinuteOfDay(at: number): number {
  const parts = londonClock.formatToParts(new Date(at));
  const h = Number(parts.find((p) => p.type === 'hour')!.value);
  const m = Number(parts.find((p) => p.type === 'minute')!.value);
  return (h % 24) * 60 + m;
}

export function zonesAt(zones: PspoZoneCollection, p: LatLon): string[] {
  return zones.features.filter((f) => pointInPolygon(p, f.geometry)).map((f) => f.properties.id);
}

/** The prohibitions in force at `p` at time `at`. */
export function prohibitionsAt(zones: PspoZoneCollection, p: LatLon, at: number): Prohibition[] {
  const minute = localMinuteOfDay(at);
  const out: Prohibition[] = [];
  for (const f of zones.features) {
    if (!pointInPolygon(p, f.geometry)) continue;
    for (const r of f.properties.rules) {
      if (!ruleInForce(r, minute)) continue;
      const b = behaviourRule(r.behaviour);
      out.push({
        zoneId: f.properties.id,
        zoneName: f.properties.name,
        behaviour: r.behaviour,
        from: r.from,
        to: r.to,
        label: `${b.label} (${f.properties.name}, ${hoursLabel(r)})`,
        category: b.category,
        enforcedWith: b.powers,
      });
    }
  }
  return out;
}

// Incidents journaled before behaviour names were checked can carry a prohibition without powers.
export const canEnforce = (powers: readonly Power[], p: Prohibition) => (p.enforcedWith ?? []).some((x) => powers.includes(x));

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], 'a ring must end where it starts');
const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).min(1)).min(1) }),
]);
const Rule = z.object({
  behaviour: z.string().superRefine((name, ctx) => {
    const problem = behaviourNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  from: z.string().regex(HHMM, 'hours are HH:MM (24-hour)'),
  to: z.string().regex(HHMM, 'hours are HH:MM (24-hour)'),
});
const Zone = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.object({
    id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'zone ids use letters, digits and _ . -'),
    name: z.string().trim().min(1).max(120),
    rules: z.array(Rule).min(1, 'a zone controls at least one behaviour'),
  }),
  geometry: Geometry,
});
const PspoZoneCollectionSchema = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(Zone).max(500) })
  .refine((c) => new Set(c.features.map((f) => f.properties.id)).size === c.features.length, 'zone ids must be unique');

/** Checks a supervisor's GeoJSON; the error names the first thing wrong with it. */
export function parsePspoZones(raw: unknown): Result<PspoZoneCollection> {
  const r = PspoZoneCollectionSchema.safeParse(raw);
  if (r.success) {
    const zones = {
      type: 'FeatureCollection' as const,
      features: r.data.features.map((f) => ({ type: 'Feature' as const, properties: f.properties, geometry: f.geometry })),
    } as PspoZoneCollection;
    return { ok: true, value: zones };
  }
  const issue = r.error.issues[0]!;
  return { ok: false, error: `The PSPO zones are not valid GeoJSON zones: ${issue.path.join('.') || 'file'}: ${issue.message}.`, code: 'invalid' };
}
