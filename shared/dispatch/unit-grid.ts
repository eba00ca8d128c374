import type { SectorId, UnitId } from '../domain/ids.js';
import type { Unit } from '../domain/units.js';
import { readSendingFacts, type SendingFacts } from './eligibility.js';

const M_PER_DEG_LAT = 111_320;

/**
 * A unit's place in the grid, with what ranking asks of every officer it looks at copied in:
 * reading a few small entries side by side is much faster than chasing thousands of unit records.
 */
export interface GridEntry extends SendingFacts {
  unit: Unit;
  lat: number;
  lon: number;
  /** When the officer's fix was taken, for how fresh it is. */
  fixTs: number;
  key: number;
  index: number;
  vehicle: boolean;
  sector: SectorId;
  agency: Unit['agency'];
}

function refresh(e: GridEntry, u: Unit) {
  e.unit = u;
  e.vehicle = u.mode === 'vehicle';
  e.sector = u.sector;
  e.agency = u.agency;
  readSendingFacts(u, e);
}

/**
 * A uniform grid over units' last fixes, so finding the nearest officers for an incident looks at
 * a few cells around it instead of every unit on the roster. `sync` moves the units whose fix has
 * changed since the last call.
 */
export class UnitGrid {
  readonly cellM: number;
  private readonly dLat: number;
  private readonly dLon: number;
  private readonly cells = new Map<number, GridEntry[]>();
  private readonly entries = new Map<UnitId, GridEntry>();
  readonly withoutFix = new Set<UnitId>();
  private minX = Infinity;
  private maxX = -Infinity;
  private minY = Infinity;
  private maxY = -Infinity;

  constructor(opts: { cellM?: number; originLat?: number } = {}) {
    this.cellM = opts.cellM ?? 400;
    const lat0 = opts.originLat ?? 52.57;
    this.dLat = this.cellM / M_PER_DEG_LAT;
    this.dLon = this.cellM / (M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180));
  }

  get size(): number {
    return this.entries.size + this.withoutFix.size;
  }

  cellX(lon: number): number {
    return Math.floor(lon / this.dLon);
  }

  cellY(lat: number): number {
    return Math.floor(lat / this.dLat);
  }

  private static key(x: number, y: number): number {
    // Two 15-bit halves keep the key a small integer (fast as a Map key). Cells wrap every ~13,000 km,
    // which only ever puts far-apart units in one bucket: distances are still measured exactly.
    return ((x & 0x7fff) << 15) | (y & 0x7fff);
  }

  /** Places or moves one unit. */
  upsert(u: Unit): void {
    const fix = u.fix;
    if (!fix) {
      this.remove(u.id);
      this.withoutFix.add(u.id);
      return;
    }
    const e = this.entries.get(u.id);
    if (e && e.lat === fix.lat && e.lon === fix.lon) {
      refresh(e, u);
      e.fixTs = fix.ts;
      return;
    }
    if (this.withoutFix.size) this.withoutFix.delete(u.id);
    const x = this.cellX(fix.lon);
    const y = this.cellY(fix.lat);
    const k = UnitGrid.key(x, y);
    if (e && e.key === k) {
      refresh(e, u);
      e.lat = fix.lat;
      e.lon = fix.lon;
      e.fixTs = fix.ts;
      return;
    }
    let cell = this.cells.get(k);
    if (!cell) this.cells.set(k, (cell = []));
    let entry = e;
    if (entry) {
      this.leaveCell(entry);
      entry.lat = fix.lat;
      entry.lon = fix.lon;
      entry.fixTs = fix.ts;
      entry.key = k;
      entry.index = cell.length;
    } else {
      entry = { lat: fix.lat, lon: fix.lon, fixTs: fix.ts, key: k, index: cell.length, heldFrom: null, withdrawnFrom: null } as unknown as GridEntry;
      this.entries.set(u.id, entry);
    }
    refresh(entry, u);
    cell.push(entry);
    if (x < this.minX) this.minX = x;
    if (x > this.maxX) this.maxX = x;
    if (y < this.minY) this.minY = y;
    if (y > this.maxY) this.maxY = y;
  }

  /** A new fix and nothing else: the hot path, once per position report. */
  moved(u: Unit): void {
    const e = this.entries.get(u.id);
    const fix = u.fix;
    if (!e || !fix || e.unit !== u) return this.upsert(u);
    e.fixTs = fix.ts;
    if (e.lat === fix.lat && e.lon === fix.lon) return;
    if (UnitGrid.key(this.cellX(fix.lon), this.cellY(fix.lat)) !== e.key) return this.upsert(u);
    e.lat = fix.lat;
    e.lon = fix.lon;
  }

  remove(id: UnitId): void {
    this.withoutFix.delete(id);
    const e = this.entries.get(id);
    if (e) this.detach(e);
  }

  private detach(e: GridEntry) {
    this.leaveCell(e);
    this.entries.delete(e.unit.id);
  }

  private leaveCell(e: GridEntry) {
    const cell = this.cells.get(e.key)!;
    const last = cell.pop()!;
    if (last !== e) {
      cell[e.index] = last;
      last.index = e.index;
    }
    if (cell.length === 0) this.cells.delete(e.key);
  }

  /** Brings the grid up to date with every unit's current fix. O(units); units that stayed put cost one lookup. */
  sync(units: Iterable<Unit>): void {
    for (const u of units) this.upsert(u);
  }

  /** How many rings around (x, y) reach every occupied cell. */
  maxRing(x: number, y: number): number {
    if (this.entries.size === 0) return -1;
    return Math.max(x - this.minX, this.maxX - x, y - this.minY, this.maxY - y);
  }

  /** Entries in the square ring of cells at Chebyshev distance `r` from cell (x, y). */
  forEachInRing(x: number, y: number, r: number, fn: (e: GridEntry) => void): void {
    const visit = (cx: number, cy: number) => {
      const cell = this.cells.get(UnitGrid.key(cx, cy));
      if (cell) for (let i = 0; i < cell.length; i++) fn(cell[i]!);
    };
    if (r === 0) return visit(x, y);
    for (let cx = x - r; cx <= x + r; cx++) {
      visit(cx, y - r);
      visit(cx, y + r);
    }
    for (let cy = y - r + 1; cy <= y + r - 1; cy++) {
      visit(x - r, cy);
      visit(x + r, cy);
    }
  }

  /**
   * A distance no unit in ring `r` around the cell of (lat, lon) can be closer than, in metres: the
   * way to the nearest edge of the ring, less 5% for cells narrowing away from the grid's latitude.
   */
  ringLowerBoundM(r: number, lat: number, lon: number): number {
    if (r === 0) return 0;
    const fx = lon / this.dLon - Math.floor(lon / this.dLon);
    const fy = lat / this.dLat - Math.floor(lat / this.dLat);
    const edge = Math.min(fx, 1 - fx, fy, 1 - fy);
    return (r - 1 + edge) * this.cellM * 0.95;
  }
}
