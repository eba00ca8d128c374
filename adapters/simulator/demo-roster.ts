import { type Agency, DEFAULT_POWERS } from '../../shared/domain/agencies.js';
import { sectorId, unitId } from '../../shared/domain/ids.js';
import type { RosterEntry, TravelMode } from '../../shared/domain/units.js';

const DEMO_SECTORS = ['central', 'north', 'east', 'west', 'south'] as const;

/**
 * A joint prevention and enforcement service the size of Peterborough's: 112 officers,
 * 16 police constables, 30 PCSOs, 30 council prevention and enforcement officers, plus the civil
 * parking team (12), housing enforcement, fire and prison staff, in sector teams; four police sergeants make up the 112.
 */
const TEAMS: { agency: Agency; count: number; prefix: string; vehicleShare: number }[] = [
  { agency: 'police', count: 16, prefix: 'PC', vehicleShare: 0.5 },
  { agency: 'police', count: 4, prefix: 'SG', vehicleShare: 1 },
  { agency: 'pcso', count: 30, prefix: 'CS', vehicleShare: 0 },
  { agency: 'council_enforcement', count: 30, prefix: 'EO', vehicleShare: 0.3 },
  { agency: 'civil_parking', count: 12, prefix: 'CE', vehicleShare: 0.25 },
  { agency: 'housing', count: 10, prefix: 'HO', vehicleShare: 1 },
  { agency: 'fire', count: 6, prefix: 'FS', vehicleShare: 1 },
  { agency: 'prison', count: 4, prefix: 'PS', vehicleShare: 0 },
];

/** Officers whose council phones report through OwnTracks (`owntracks/{callsign}/phone`) rather than a radio. */
const OWNTRACKS_PHONES = ['EO01', 'EO02', 'EO03', 'HO01', 'CE01'];

export function demoRoster(): RosterEntry[] {
  const roster: RosterEntry[] = [];
  let n = 0;
  for (const team of TEAMS) {
    for (let i = 1; i <= team.count; i++) {
      const callsign = `${team.prefix}${String(i).padStart(2, '0')}`;
      const mode: TravelMode = i <= Math.round(team.count * team.vehicleShare) ? 'vehicle' : 'foot';
      roster.push({
        id: unitId(callsign.toLowerCase()),
        callsign,
        agency: team.agency,
        powers: [...DEFAULT_POWERS[team.agency]],
        sector: sectorId(DEMO_SECTORS[n % DEMO_SECTORS.length]!),
        mode,
        issi: 2_350_000 + n,
        ...(OWNTRACKS_PHONES.includes(callsign) && { ownTracks: `${callsign.toLowerCase()}/phone` }),
      });
      n++;
    }
  }
  return roster;
}

/** A roster of `count` generic units, for load tests and benchmarks. */
export function syntheticRoster(count: number): RosterEntry[] {
  const agencies: Agency[] = ['police', 'pcso', 'council_enforcement', 'civil_parking'];
  return Array.from({ length: count }, (_, i) => {
    const agency = agencies[i % agencies.length]!;
    return {
      id: unitId(`u${i}`),
      callsign: `U${i}`,
      agency,
      powers: [...DEFAULT_POWERS[agency]],
      sector: sectorId(DEMO_SECTORS[i % DEMO_SECTORS.length]!),
      mode: i % 3 === 0 ? 'vehicle' : 'foot',
    } satisfies RosterEntry;
  });
}
