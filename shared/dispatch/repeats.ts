import type { CategoryId } from '../domain/categories.js';
import type { Incident, LatLon, RepeatLocationFlag } from '../domain/incidents.js';
import { isOpen } from '../domain/lifecycle.js';
import { distanceMetres } from '../geo/geometry.js';

/**
 * Repeat reports (the same fly-tip phoned in by five people) are linked to the open incident, not
 * opened five times; repeat locations (the same corner every week) are flagged for problem solving.
 */
export interface RepeatSettings {
  /** A new report this close to an open incident of the same category is offered for linking. */
  linkRadiusM: number;
  /** …if that incident's last report is at most this old. */
  linkWindowMs: number;
  repeatRadiusM: number;
  repeatDays: number;
  /** This many incidents (the new one included) over `repeatDays` make a repeat location. */
  repeatThreshold: number;
}

export const DEFAULT_REPEAT_SETTINGS: RepeatSettings = {
  linkRadiusM: 100,
  linkWindowMs: 2 * 3600_000,
  repeatRadiusM: 50,
  repeatDays: 28,
  repeatThreshold: 3,
};

export interface RepeatCandidate {
  incidentId: Incident['id'];
  ref: string;
  category: CategoryId;
  state: Incident['state'];
  distanceM: number;
  /** Minutes since that incident's last report. */
  ageMin: number;
  reports: number;
  description: string;
}

/** Open incidents a new report probably duplicates, nearest first. */
export function findRepeatCandidates(
  incidents: Iterable<Incident>,
  report: { category: CategoryId; location: LatLon; at: number },
  s: RepeatSettings = DEFAULT_REPEAT_SETTINGS,
): RepeatCandidate[] {
  const out: RepeatCandidate[] = [];
  for (const i of incidents) {
    if (i.category !== report.category || !isOpen(i.state)) continue;
    const last = i.lastReportAt ?? i.createdAt;
    if (report.at - last > s.linkWindowMs || last - report.at > s.linkWindowMs) continue;
    const d = distanceMetres(i.location, report.location);
    if (d > s.linkRadiusM) continue;
    out.push({
      incidentId: i.id,
      ref: i.ref,
      category: i.category,
      state: i.state,
      distanceM: Math.round(d),
      ageMin: Math.max(0, Math.round((report.at - last) / 60_000)),
      reports: i.reports,
      description: i.description,
    });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || a.ageMin - b.ageMin);
}

/** Flags a spot with `repeatThreshold` or more incidents (any category, any state) in the period. */
export function repeatLocationAt(
  incidents: Iterable<Incident>,
  location: LatLon,
  at: number,
  s: RepeatSettings = DEFAULT_REPEAT_SETTINGS,
): RepeatLocationFlag | null {
  const since = at - s.repeatDays * 24 * 3600_000;
  let n = 1;
  for (const i of incidents) if (i.createdAt >= since && i.createdAt <= at && distanceMetres(i.location, location) <= s.repeatRadiusM) n++;
  return n >= s.repeatThreshold ? { incidents: n, radiusM: s.repeatRadiusM, days: s.repeatDays } : null;
}
