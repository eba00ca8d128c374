import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('lets a source send its burst, then its rate, each source on its own', () => {
    const r = new RateLimiter(10, 5);
    const sent = (source: string, at: number, n: number) => Array.from({ length: n }, () => r.take(source, at)).filter(Boolean).length;
    expect(sent('u1', 0, 100)).toBe(5);
    expect(sent('u2', 0, 100)).toBe(5);
    expect(sent('u1', 1000, 100)).toBe(5); // 10 refilled, capped at the burst
    expect(sent('u1', 1100, 100)).toBe(1);
    expect(sent('__proto__', 0, 3)).toBe(3);
  });

  it('stays within its number of sources, forgetting idle ones first', () => {
    const r = new RateLimiter(1, 1, 2);
    expect(r.take('a', 0)).toBe(true);
    expect(r.take('b', 0)).toBe(true);
    expect(r.take('c', 0)).toBe(false);
    expect(r.take('c', 5000)).toBe(true);
  });
});
