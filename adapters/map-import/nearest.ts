import type { PostcodePoint } from './codepoint.js';

const CELL = 0.01; // about 1 km: a street's nearest postcode is almost always within a cell or two

/** Finds the postcode nearest a point, to say which ward a street or landmark lies in. */
export class NearestPostcode {
  private readonly cells = new Map<string, PostcodePoint[]>();

  constructor(points: readonly PostcodePoint[]) {
    for (const p of points) {
      const k = `${Math.floor(p.lat / CELL)},${Math.floor(p.lon / CELL)}`;
      const cell = this.cells.get(k);
      if (cell) cell.push(p);
      else this.cells.set(k, [p]);
    }
  }

  find(lat: number, lon: number): PostcodePoint | null {
    const ci = Math.floor(lat / CELL);
    const cj = Math.floor(lon / CELL);
    let best: PostcodePoint | null = null;
    let bestD = Infinity;
    for (let r = 0; r <= 3 && !best; r++) {
      for (let i = ci - r; i <= ci + r; i++)
        for (let j = cj - r; j <= cj + r; j++) {
          for (const p of this.cells.get(`${i},${j}`) ?? []) {
            const d = (p.lat - lat) ** 2 + ((p.lon - lon) * 0.61) ** 2;
            if (d < bestD) {
              bestD = d;
              best = p;
            }
          }
        }
    }
    return best;
  }
}
