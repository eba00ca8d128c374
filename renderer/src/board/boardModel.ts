import { neverHeardFrom, type Unit } from '../../../shared/domain/units.js';
import type { BoardFilter, BoardSortKey } from '../store/slices.js';
import { AGENCY_SHORT, fixAgeS } from '../units/unitView.js';

const collator = new Intl.Collator('en', { numeric: true });
const STATUS_ORDER = { available: 0, en_route: 1, on_scene: 2, busy: 3, off_duty: 4 } as const;
const NOT_HEARD_ORDER = 5;

function matchesFilter(u: Unit, f: BoardFilter): boolean {
  if (f.agency && u.agency !== f.agency) return false;
  // An officer never heard from has no status anyone can vouch for: not "Available", not any other.
  if (f.status && (u.status !== f.status || neverHeardFrom(u))) return false;
  if (f.sector && u.sector !== f.sector) return false;
  const q = f.search.trim().toLowerCase();
  if (q) {
    const hay = `${u.callsign} ${u.id} ${AGENCY_SHORT[u.agency]} ${u.sector} ${u.incidentId ?? ''}`.toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

/** The unit board's rows: filtered, then sorted with callsign as the tie-break so rows hold still. */
export function boardRows(units: Record<string, Unit>, f: BoardFilter, sort: { key: BoardSortKey; dir: 1 | -1 }, now: number): Unit[] {
  const rows = Object.values(units).filter((u) => matchesFilter(u, f));
  const byCallsign = (a: Unit, b: Unit) => collator.compare(a.callsign, b.callsign);
  const key = (u: Unit): number | string => {
    switch (sort.key) {
      case 'callsign':
        return 0;
      case 'agency':
        return u.agency;
      case 'status':
        return neverHeardFrom(u) ? NOT_HEARD_ORDER : STATUS_ORDER[u.status];
      case 'sector':
        return u.sector;
      case 'fixAge':
        return fixAgeS(u, now) ?? Number.POSITIVE_INFINITY;
    }
  };
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return (c || byCallsign(a, b)) * sort.dir;
  });
}
