import { AGENCY_LABELS, type Agency } from '../domain/agencies.js';
import { categoryOf, type CategoryId, type Priority } from '../domain/categories.js';
import type { IncidentId, SectorId, UnitId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import { freshnessOf, isStaleFix, STALE_AFTER_S } from '../domain/freshness.js';
import { isOpen } from '../domain/lifecycle.js';
import { POWER_LABELS, type Power } from '../domain/powers.js';
import type { TravelMode, Unit, UnitStatus } from '../domain/units.js';
import { distanceMetres } from '../geo/geometry.js';
import type { RoadNetwork } from '../routing/road-graph.js';
import { refusalOf, type SendingNeed, sendingNeedOf } from './eligibility.js';
import type { GridEntry, UnitGrid } from './unit-grid.js';

export interface RankingSettings {
  limit: number;
  /** Metres per second. */
  walkingSpeed: number;
  vehicleSpeed: number;
  /** Streets are longer than the straight line. */
  roadFactor: number;
  /** Seconds added for an officer outside the incident's sector team: the neighbourhood team knows its streets and people. */
  outOfSectorPenaltyS: number;
  /**
   * Seconds added for an officer of another agency than the one whose work it is (a constable for
   * fly-tipping): the lead agency follows it up, so its officer is sent unless another is this much nearer.
   */
  otherAgencyPenaltyS: number;
  /** Seconds added for pulling an officer off lower-priority work. */
  divertPenaltyS: number;
  /** A fix older than this is stale (see domain/freshness.ts); the host sets it from `--stale-after`. */
  staleFixMs: number;
  /**
   * Seconds added for an officer whose fix is stale: they may have walked off since, so the
   * distance is a guess, and one the dispatcher can trust comes first when the two are close.
   */
  staleFixPenaltyS: number;
  /** How many excluded officers (nearest first) are listed with why; all are counted. */
  maxExcludedListed: number;
  /**
   * With a road network, the officers nearest in a straight line (this many times `limit`) are
   * timed along roads and the best of them listed: the bound that keeps a recommendation cheap.
   */
  roadShortlistFactor: number;
}

export const DEFAULT_RANKING: RankingSettings = {
  limit: 5,
  walkingSpeed: 1.4,
  vehicleSpeed: 8,
  roadFactor: 1.3,
  outOfSectorPenaltyS: 120,
  otherAgencyPenaltyS: 180,
  divertPenaltyS: 300,
  staleFixMs: STALE_AFTER_S * 1000,
  staleFixPenaltyS: 120,
  maxExcludedListed: 20,
  roadShortlistFactor: 3,
};

/** How a candidate's arrival time was estimated. */
export type EtaBasis = 'roads' | 'straight line';

export const EXCLUSION_REASONS = [
  'police_only',
  'missing_power',
  'power_withdrawn',
  'off_duty',
  'committed',
  'emergency',
  'already_allocated',
  'no_fix',
  'not_deployable',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Candidate {
  unitId: UnitId;
  callsign: string;
  agency: Agency;
  sector: SectorId;
  mode: TravelMode;
  status: UnitStatus;
  /** Straight-line metres to the incident. */
  distanceM: number;
  /** Metres along roads, when the estimate is by road. */
  roadM: number | null;
  etaBasis: EtaBasis;
  etaS: number;
  /** Estimated seconds plus penalties: lower is better. */
  score: number;
  sameSector: boolean;
  /** Set when the officer would be diverted from lower-priority work. */
  busyWith: { incidentId: IncidentId; ref: string; priority: Priority } | null;
  fixAgeS: number;
  reasons: string[];
}

interface Exclusion {
  unitId: UnitId;
  callsign: string;
  agency: Agency;
  reason: ExclusionReason;
  detail: string;
  distanceM: number | null;
}

export interface Recommendation {
  incidentId: IncidentId;
  ref: string;
  category: CategoryId;
  priority: Priority;
  requiredPowers: Power[];
  policeOnly: boolean;
  computedAt: number;
  candidates: Candidate[];
  /** The nearest excluded officers, with why. */
  excluded: Exclusion[];
  /** Every officer looked at and excluded, by reason (officers with no fix included). */
  excludedCounts: Record<ExclusionReason, number>;
  /** Officers the search looked at; the rest were provably further away than the candidates. */
  considered: number;
  rosterSize: number;
}

/**
 * Whether an officer may be sent at all, before distance is considered: null if free, 'divert' if
 * busy with lower-priority work, else why not. The rule is eligibility's; what ranking adds is
 * whether a busy officer's current work may give way. Runs for every officer the search reaches.
 */
function checkEntry(e: GridEntry, incident: Incident, need: SendingNeed, incidents: ReadonlyMap<IncidentId, Incident>): ExclusionReason | 'divert' | null {
  const refused = refusalOf(need, e);
  if (refused) return refused;
  if (e.status === 'available') return null;
  const current = e.incidentId ? incidents.get(e.incidentId) : undefined;
  // Busy with something the console does not know about (a meal break, a custody run): not ours to divert.
  if (!current) return 'committed';
  if (!isOpen(current.state)) return null;
  return current.priority > incident.priority ? 'divert' : 'committed';
}

/** The sentence shown beside an excluded officer. */
function exclusionDetail(u: Unit, incident: Incident, reason: ExclusionReason, incidents: ReadonlyMap<IncidentId, Incident>): string {
  const cat = categoryOf(incident.category);
  const needed = cat.powers.find((p) => (reason === 'power_withdrawn' ? u.withdrawnPowers.includes(p) : !u.powers.includes(p)));
  const current = u.incidentId ? incidents.get(u.incidentId) : undefined;
  switch (reason) {
    case 'not_deployable':
      return 'CCTV operators are not deployed to incidents';
    case 'police_only':
      return `${cat.label} is for the police only; a ${AGENCY_LABELS[u.agency]} cannot be sent`;
    case 'power_withdrawn':
      return `accreditation for "${needed ? POWER_LABELS[needed] : 'a needed power'}" withdrawn by a supervisor`;
    case 'missing_power':
      return `does not hold "${needed ? POWER_LABELS[needed] : 'a needed power'}"`;
    case 'off_duty':
      return 'off duty';
    case 'emergency':
      return 'has an active emergency';
    case 'already_allocated':
      return `already allocated to ${incident.ref}`;
    case 'committed':
      if (!current) return u.status === 'busy' ? 'busy (not on a console incident)' : `${u.status.replace('_', ' ')} with no incident recorded`;
      return `committed to P${current.priority} ${current.ref}, not lower priority than this P${incident.priority}`;
    case 'no_fix':
      return 'no position reported yet';
  }
}

const fmtMin = (s: number) => (s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);

/** Metres between two nearby points on a flat local projection: exact enough within a city, and cheap. */
const M_PER_DEG = 111_195;

const fmtDistance = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`);

function describeCandidate(b: Shortlisted, incident: Incident, now: number, s: RankingSettings, roadsImported: boolean): Candidate {
  const { u, busyWith, score, roadM } = b;
  const fix = u.fix!;
  const d = distanceMetres(fix, incident.location);
  const speed = u.mode === 'vehicle' ? s.vehicleSpeed : s.walkingSpeed;
  const eta = roadM !== null ? roadM / speed : (d * s.roadFactor) / speed;
  const sameSector = incident.sector !== null && u.sector === incident.sector;
  const fixAgeS = Math.max(0, (now - fix.ts) / 1000);
  const how = u.mode === 'vehicle' ? 'by vehicle' : 'on foot';
  const reasons = [
    roadM !== null
      ? `${fmtMin(eta)} away ${how} along roads (${fmtDistance(roadM)} by road, ${fmtDistance(d)} straight)`
      : `${fmtMin(eta)} away ${how} (${fmtDistance(d)}, straight line${roadsImported ? ': no road route found' : ''})`,
  ];
  const cat = categoryOf(incident.category);
  if (cat.leadAgencies?.length) {
    if (cat.leadAgencies.includes(u.agency)) reasons.push(`${cat.label} is ${AGENCY_LABELS[u.agency]} work`);
    else reasons.push(`${AGENCY_LABELS[u.agency]}: ${cat.label} is ${cat.leadAgencies.map((a) => AGENCY_LABELS[a]).join(' or ')} work (counted ${fmtMin(s.otherAgencyPenaltyS)} further)`);
  }
  if (sameSector) reasons.push(`${incident.sector} sector team`);
  else if (incident.sector !== null) reasons.push(`outside the ${incident.sector} sector team (${u.sector})`);
  if (busyWith) reasons.push(`busy with lower-priority P${busyWith.priority} ${busyWith.ref}: would be diverted`);
  else reasons.push(u.status === 'available' ? 'available' : u.status.replace('_', ' '));
  const powers = cat.powers;
  if (powers.length) reasons.push(`holds ${powers.map((p) => POWER_LABELS[p]).join(', ')}`);
  if (freshnessOf(u, now, s.staleFixMs / 1000) !== 'live') reasons.push(`last fix ${fmtMin(fixAgeS)} old: position doubtful (counted ${fmtMin(s.staleFixPenaltyS)} further)`);
  return {
    unitId: u.id,
    callsign: u.callsign,
    agency: u.agency,
    sector: u.sector,
    mode: u.mode,
    status: u.status,
    distanceM: Math.round(d),
    roadM: roadM !== null ? Math.round(roadM) : null,
    etaBasis: roadM !== null ? 'roads' : 'straight line',
    etaS: Math.round(eta),
    score,
    sameSector,
    busyWith,
    fixAgeS: Math.round(fixAgeS),
    reasons,
  };
}

function busyWithOf(u: Unit, incidents: ReadonlyMap<IncidentId, Incident>): Candidate['busyWith'] {
  const c = u.incidentId ? incidents.get(u.incidentId) : undefined;
  return c ? { incidentId: c.id, ref: c.ref, priority: c.priority } : null;
}

/** An officer on the short list: the score is by straight line until timed along roads. */
interface Shortlisted {
  u: Unit;
  score: number;
  /** Seconds added for sector and diversion. */
  penalty: number;
  busyWith: Candidate['busyWith'];
  roadM: number | null;
}

/**
 * Times the short list along roads: one search from the incident per travel mode, walkers first.
 * A search stops once no officer it has not reached could make the list: road distance is never
 * shorter than the straight line, so an officer not reached within M metres arrives no sooner than
 * M / speed. Otherwise it is bounded well beyond the furthest officer, room for a detour round
 * one-way streets or to a bridge, so an officer with no route cannot make it search the county.
 * Officers too far from any road, or with no route while the list has room, keep their
 * straight-line estimate, labelled.
 */
const ROAD_DETOUR_FACTOR = 2.5;
const ROAD_DETOUR_EXTRA_M = 1500;

function timeAlongRoads(roads: RoadNetwork, incident: Incident, list: Shortlisted[], s: RankingSettings): void {
  /** Scores known: final, or by a way already found (a shorter may follow). Untimed officers are not in it. */
  const known = new Map<Shortlisted, number>();
  const nth = () => {
    if (known.size < s.limit) return Infinity;
    return [...known.values()].sort((x, y) => x - y)[s.limit - 1]!;
  };
  for (const mode of ['foot', 'vehicle'] as const) {
    const group = list.filter((b) => b.u.mode === mode);
    if (!group.length) continue;
    const speed = mode === 'vehicle' ? s.vehicleSpeed : s.walkingSpeed;
    const furthest = Math.max(...group.map((b) => distanceMetres(b.u.fix!, incident.location)));
    const minPenalty = Math.min(...group.map((b) => b.penalty));
    // Searched no further than a city's worst detour (2.5 × the straight line, plus a river
    // crossing's 1.5 km): an officer beyond it is slower than a full list, or shown by the
    // straight line, labelled as such.
    const metres = roads.distancesTo(incident.location, group.map((b) => b.u.fix!), mode, furthest * ROAD_DETOUR_FACTOR + ROAD_DETOUR_EXTRA_M, (i, m) => {
      const b = group[i]!;
      known.set(b, Math.min(known.get(b) ?? Infinity, m / speed + b.penalty));
      return (nth() - minPenalty) * speed;
    });
    group.forEach((b, i) => {
      const m = metres[i];
      if (m === null || m === undefined) known.set(b, b.score); // off the roads: the straight line stands
      else if (m < Infinity) {
        b.roadM = m;
        b.score = m / speed + b.penalty;
        known.set(b, b.score);
      }
    });
  }
  // Not reached: beaten by a full list; with room on it, shown by the straight line, labelled.
  const full = nth() < Infinity;
  for (const b of list) if (b.roadM === null && !known.has(b) && full) b.score = Infinity;
  for (const b of list) if (b.roadM === null && !known.has(b)) known.set(b, b.score);
  list.sort((a, b) => a.score - b.score);
  while (list.length && list[list.length - 1]!.score === Infinity) list.pop();
}

const emptyCounts = () => Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;

/**
 * Ranks officers for an incident by estimated travel time plus penalties, searching the grid ring
 * by ring outwards and stopping once no unseen officer could beat the last place on the list.
 * With a road network, a longer short list found that way is then timed along roads.
 */
export function recommendUnits(
  incident: Incident,
  units: ReadonlyMap<UnitId, Unit>,
  incidents: ReadonlyMap<IncidentId, Incident>,
  grid: UnitGrid,
  now: number,
  settings: Partial<RankingSettings> = {},
  roads: RoadNetwork | null = null,
): Recommendation {
  const s = { ...DEFAULT_RANKING, ...settings };
  const cat = categoryOf(incident.category);
  // Scored cheaply first; reasons are written only for the few that make the list.
  const best: Shortlisted[] = [];
  const keep = roads ? s.limit * s.roadShortlistFactor : s.limit;
  const excluded: Exclusion[] = [];
  const counts = emptyCounts();
  let considered = 0;
  const fastest = Math.max(s.vehicleSpeed, s.walkingSpeed);
  const { lat, lon } = incident.location;
  const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const footFactor = s.roadFactor / s.walkingSpeed;
  const vehicleFactor = s.roadFactor / s.vehicleSpeed;
  const x = grid.cellX(lon);
  const y = grid.cellY(lat);
  const maxRing = grid.maxRing(x, y);

  const exclude = (u: Unit, reason: ExclusionReason) => {
    counts[reason]++;
    if (excluded.length >= s.maxExcludedListed) return;
    const distanceM = u.fix ? Math.round(distanceMetres(u.fix, incident.location)) : null;
    excluded.push({ unitId: u.id, callsign: u.callsign, agency: u.agency, reason, detail: exclusionDetail(u, incident, reason, incidents), distanceM });
  };
  const fastestFactor = s.roadFactor / fastest;
  const need = sendingNeedOf(incident);
  const lead = cat.leadAgencies?.length ? cat.leadAgencies : null;
  const staleS = s.staleFixMs / 1000;
  const visit = (e: GridEntry) => {
    const dx = (e.lon - lon) * kx;
    const dy = (e.lat - lat) * M_PER_DEG;
    const d = Math.sqrt(dx * dx + dy * dy);
    // Too far to beat the list even at top speed: ruled out without reading the officer's record.
    if (best.length >= keep && d * fastestFactor >= best[best.length - 1]!.score) return;
    considered++;
    const v = checkEntry(e, incident, need, incidents);
    if (v !== null && v !== 'divert') return exclude(e.unit, v);
    let penalty = 0;
    if (incident.sector !== null && e.sector !== incident.sector) penalty += s.outOfSectorPenaltyS;
    if (lead && !lead.includes(e.agency)) penalty += s.otherAgencyPenaltyS;
    if (isStaleFix(e.fixTs, now, staleS)) penalty += s.staleFixPenaltyS;
    if (v === 'divert') penalty += s.divertPenaltyS;
    const score = d * (e.vehicle ? vehicleFactor : footFactor) + penalty;
    if (best.length >= keep && score >= best[best.length - 1]!.score) return;
    let i = best.length;
    while (i > 0 && best[i - 1]!.score > score) i--;
    best.splice(i, 0, { u: e.unit, score, penalty, busyWith: v === 'divert' ? busyWithOf(e.unit, incidents) : null, roadM: null });
    if (best.length > keep) best.pop();
  };

  for (let r = 0; r <= maxRing; r++) {
    if (best.length >= keep && (grid.ringLowerBoundM(r, lat, lon) * s.roadFactor) / fastest > best[best.length - 1]!.score) break;
    grid.forEachInRing(x, y, r, visit);
  }
  // Officers with no position cannot be ranked by distance; they are counted so the dispatcher knows.
  for (const id of grid.withoutFix) {
    const u = units.get(id);
    if (u) exclude(u, 'no_fix');
  }
  excluded.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
  if (roads) timeAlongRoads(roads, incident, best, s);
  const candidates = best.slice(0, s.limit).map((b) => describeCandidate(b, incident, now, s, roads !== null));
  candidates.forEach((c, i) => {
    if (i === 0) c.reasons.unshift('best: shortest estimated arrival');
    else c.reasons.unshift(`#${i + 1}: ${fmtMin(c.score - candidates[0]!.score)} behind ${candidates[0]!.callsign}`);
  });
  return {
    incidentId: incident.id,
    ref: incident.ref,
    category: incident.category,
    priority: incident.priority,
    requiredPowers: [...cat.powers],
    policeOnly: !!cat.policeOnly,
    computedAt: now,
    candidates,
    excluded,
    excludedCounts: counts,
    considered,
    rosterSize: units.size,
  };
}
