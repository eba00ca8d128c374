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

  it('refuses a stream that is not MP4 instead of waiting for ever', () => {
    const s = new Fmp4Splitter({ init: () => undefined, fragment: () => undefined });
    expect(() => s.push(Buffer.from([0, 0, 0, 2, 0x66, 0x6f, 0x6f, 0x21]))).toThrow(/not MP4/);
  });
});
