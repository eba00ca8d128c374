import { describe, expect, it } from 'vitest';
import { RtpClock } from './rtp-clock.js';

describe("a camera's frame times for WebRTC", () => {
  it('starts at zero and follows the stream on a 90 kHz clock', () => {
    const c = new RtpClock();
    expect([c.at(1000, 1000), c.at(1066, 1000), c.at(1133, 1000)]).toEqual([0, 5940, 11970]);
  });

  it('carries on forward when the camera is pulled again and its times start over', () => {
    const c = new RtpClock();
    c.at(90_000, 90_000);
    const before = c.at(96_000, 90_000);
    c.restart();
    const after = [c.at(0, 15_360), c.at(1024, 15_360)];
    expect(after[0]).toBeGreaterThan(before);
    expect(after[1]! - after[0]!).toBe(6000);
  });

  it('never goes back even when a stream jumps back without a restart', () => {
    const c = new RtpClock();
    c.at(500_000, 90_000);
    expect(c.at(10, 90_000)).toBeGreaterThan(0);
  });
});
