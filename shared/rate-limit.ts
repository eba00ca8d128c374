/**
 * A token bucket per source (a unit, a partner): each may send `ratePerS` on average and `burst` at
 * once. What a flood from one source costs the console is bounded by its bucket, not by the
 * sender's speed. Sources are kept in a Map: a unit called `__proto__` is just a source.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly maxSources = 100_000,
  ) {}

  /** Takes one token for `source` at `now` (ms); false when its bucket is empty. */
  take(source: string, now: number): boolean {
    let b = this.buckets.get(source);
    if (b) {
      b.tokens = Math.min(this.burst, b.tokens + (Math.max(0, now - b.at) * this.ratePerS) / 1000);
      b.at = now;
    } else {
      if (this.buckets.size >= this.maxSources) this.forgetIdle(now);
      // Still full: every source is busy, so a new one waits for room rather than growing the map.
      if (this.buckets.size >= this.maxSources) return false;
      b = { tokens: this.burst, at: now };
      this.buckets.set(source, b);
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Drops buckets that have refilled: a source that comes back starts full, as it would anyway. */
  private forgetIdle(now: number) {
    const refill = (this.burst * 1000) / this.ratePerS;
    for (const [k, b] of this.buckets) if (now - b.at >= refill) this.buckets.delete(k);
  }
}
