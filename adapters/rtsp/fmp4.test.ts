import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pullArgs } from '../ffmpeg/pull-args.js';
import { type Fmp4Fragment, type Fmp4Init, Fmp4Splitter } from './fmp4.js';

/** Two seconds of 15 fps H.264 (a keyframe every 15 frames), muxed exactly as a camera pull is. */
function ffmpegFmp4(): Buffer {
  const args = pullArgs('IN', { transport: 'tcp', transcode: true });
  // Same output options as a pull; the input is a test pattern instead of a camera.
  const out = args.slice(args.indexOf('-map'));
  const input = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15:duration=2'];
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...input, ...out.map((a) => (a === '30' ? '15' : a))], { maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return r.stdout;
}

describe('cutting ffmpeg fragmented MP4 for viewers', () => {
  const bytes = ffmpegFmp4();

  it('finds the init segment with its codec, then one fragment per frame, keyframes marked', () => {
    const inits: Fmp4Init[] = [];
    const frags: Fmp4Fragment[] = [];
    const s = new Fmp4Splitter({ init: (i) => inits.push(i), fragment: (f) => frags.push(f) });
    // Arbitrary chunk boundaries, as a pipe delivers them.
    for (let o = 0; o < bytes.length; o += 777) s.push(bytes.subarray(o, o + 777));
    expect(inits).toHaveLength(1);
    expect(inits[0]!.codec).toMatch(/^avc1\.[0-9A-F]{6}$/);
    expect(inits[0]!.data.toString('latin1', 4, 8)).toBe('ftyp');
    expect(frags).toHaveLength(30);
    expect(frags.map((f, i) => (f.key ? i : -1)).filter((i) => i >= 0)).toEqual([0, 15]);
    expect(frags.every((f) => f.data.toString('latin1', 4, 8) === 'moof')).toBe(true);
  });

  it('gives each frame as length-prefixed NAL units with its time, parameter sets before every keyframe', () => {
    const inits: Fmp4Init[] = [];
    const frags: Fmp4Fragment[] = [];
    const s = new Fmp4Splitter({ init: (i) => inits.push(i), fragment: (f) => frags.push(f) });
    s.push(bytes);
    const { timescale } = inits[0]!;
    expect(timescale).toBeGreaterThan(0);
    // 15 fps: each frame 1/15 s after the one before, in the track's own ticks.
    const steps = frags.slice(1).map((f, i) => ((f.time - frags[i]!.time) * 15) / timescale);
    expect(steps.every((x) => Math.abs(x - 1) < 0.01)).toBe(true);
    const nalTypes = (sample: Buffer) => {
      const types: number[] = [];
      for (let o = 0; o + 4 < sample.length; o += 4 + sample.readUInt32BE(o)) types.push(sample[o + 4]! & 0x1f);
      return types;
    };
    // SPS (7) and PPS (8) before the IDR slice (5): a viewer joining there can decode.
    expect(nalTypes(frags[15]!.sample)).toEqual(expect.arrayContaining([7, 8, 5]));
    expect(nalTypes(frags[1]!.sample)).not.toContain(5);
    // The NAL units fill the sample exactly: the last length ends where the frame does.
    let o = 0;
    while (o < frags[3]!.sample.length) o += 4 + frags[3]!.sample.readUInt32BE(o);
    expect(o).toBe(frags[3]!.sample.length);
  });

  it('refuses a stream that is not MP4 instead of waiting for ever', () => {
    const s = new Fmp4Splitter({ init: () => undefined, fragment: () => undefined });
    expect(() => s.push(Buffer.from([0, 0, 0, 2, 0x66, 0x6f, 0x6f, 0x21]))).toThrow(/not MP4/);
  });
});
