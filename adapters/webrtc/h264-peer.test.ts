import { spawnSync } from 'node:child_process';
import { PeerConnection } from 'node-datachannel';
import { afterEach, describe, expect, it } from 'vitest';
import { pullArgs } from '../ffmpeg/pull-args.js';
import { type Fmp4Fragment, type Fmp4Init, Fmp4Splitter } from '../rtsp/fmp4.js';
import { H264Peer, h264Fmtp, profileLevelId } from './h264-peer.js';
import { RtpClock } from './rtp-clock.js';

/** One second of 15 fps H.264 muxed exactly as a camera pull is, cut as the host cuts it. */
function frames(): { init: Fmp4Init; frags: Fmp4Fragment[] } {
  const args = pullArgs('IN', { transport: 'tcp', transcode: true });
  const out = args.slice(args.indexOf('-map'));
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15:duration=1', ...out.map((a) => (a === '30' ? '15' : a))], { maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  let init: Fmp4Init | null = null;
  const frags: Fmp4Fragment[] = [];
  new Fmp4Splitter({ init: (i) => (init = i), fragment: (f) => frags.push(f) }).push(r.stdout);
  return { init: init!, frags };
}

/** An RTP packet's payload: after the fixed header, its CSRCs and any header extension. */
function rtpPayload(p: Buffer): Buffer {
  let o = 12 + 4 * (p[0]! & 0x0f);
  if (p[0]! & 0x10) o += 4 + 4 * p.readUInt16BE(o + 2);
  return p.subarray(o);
}

const until = async (what: string, ok: () => unknown, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const closeAfter: { close(): void }[] = [];
afterEach(() => closeAfter.splice(0).forEach((c) => c.close()));

// A browser that declines the stream's own High profile and takes the baseline offered beside it is
// tested with Chromium itself (test/e2e/cctv.test.ts, the H.265 camera transcoded to High).
describe('a camera sent to one viewer over WebRTC', () => {
  it('offers H.264 with the stream’s own profile, and sends each frame as RTP on the 90 kHz clock, unchanged', async () => {
    const { init, frags } = frames();
    const viewer = new PeerConnection('browser', { iceServers: [], bindAddress: '127.0.0.1' });
    const packets: Buffer[] = [];
    viewer.onTrack((t) => t.onMessage((m) => packets.push(Buffer.from(m))));
    const states: string[] = [];
    let offer = '';
    const candidates: string[] = [];
    const peer = new H264Peer({
      codec: init.codec,
      bindAddress: '127.0.0.1',
      signal: (m) => {
        if (m.type === 'candidate') return (candidates.push(m.candidate), viewer.addRemoteCandidate(m.candidate, m.mid));
        offer = m.sdp;
        viewer.setRemoteDescription(m.sdp, 'offer');
      },
      state: (s) => states.push(s),
    });
    closeAfter.push(peer, viewer);
    viewer.onLocalDescription((sdp, type) => type === 'answer' && peer.answer(sdp));
    viewer.onLocalCandidate((c, mid) => peer.candidate(c, mid));
    await until('the offer', () => offer);
    expect(offer).toContain('H264/90000');
    expect(offer).toContain(h264Fmtp(profileLevelId(init.codec)));
    // ...and constrained baseline beside it, which a browser that declines the stream's profile takes.
    expect(offer).toContain(h264Fmtp('42e01f'));

    await until('the call to be up', () => peer.open);
    expect(states).toEqual(['connected']);
    // Host candidates on the console's own address only: no STUN server is asked.
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c).toMatch(/ 127\.0\.0\.1 \d+ typ host/);
    const clock = new RtpClock();
    for (const f of frags.slice(0, 15)) expect(peer.send(f.sample, clock.at(f.time, init.timescale))).toBe(true);
    const rtp = () => packets.filter((p) => (p[1]! & 0x7f) === 96);
    await until('the frames to arrive', () => rtp().filter((p) => p[1]! & 0x80).length === 15);

    // One RTP timestamp per frame, 1/15 s (6000 ticks of 90 kHz) apart; the marker ends each frame.
    const stamps = [...new Set(rtp().map((p) => p.readUInt32BE(4)))];
    expect(stamps).toHaveLength(15);
    expect(stamps.slice(1).map((t, i) => (t - stamps[i]! + 2 ** 32) % 2 ** 32)).toEqual(Array(14).fill(6000));
    // The first frame's NAL units come through as the camera sent them: SPS, PPS and the IDR slice.
    const nalTypes = new Set<number>();
    for (const packet of rtp().filter((p) => p.readUInt32BE(4) === stamps[0])) {
      const p = rtpPayload(packet);
      const t = p[0]! & 0x1f;
      if (t === 28) nalTypes.add(p[1]! & 0x1f); // FU-A: a NAL unit in pieces
      else if (t === 24) for (let o = 1; o + 2 < p.length; o += 2 + p.readUInt16BE(o)) nalTypes.add(p[o + 2]! & 0x1f); // STAP-A
      else nalTypes.add(t);
    }
    expect([...nalTypes]).toEqual(expect.arrayContaining([7, 8, 5]));
    // The browser is asked to show each frame at once: playout delay 0–0 (one-byte extension, id 5).
    const first = rtp()[0]!;
    expect(first[0]! & 0x10).toBe(0x10);
    const ext = first.subarray(12 + 4 * (first[0]! & 0x0f));
    expect(ext.readUInt16BE(0)).toBe(0xbede);
    const elements = new Map<number, Buffer>();
    for (let o = 4; o < 4 + 4 * ext.readUInt16BE(2) && ext[o] !== 0; o += 2 + (ext[o]! & 0x0f)) elements.set(ext[o]! >> 4, ext.subarray(o + 1, o + 2 + (ext[o]! & 0x0f)));
    expect([...elements.get(5)!]).toEqual([0, 0, 0]);
  });

  it('sends nothing before the call is up', async () => {
    const { init, frags } = frames();
    const peer = new H264Peer({ codec: init.codec, bindAddress: '127.0.0.1', signal: () => undefined, state: () => undefined });
    closeAfter.push(peer);
    expect(peer.send(frags[0]!.sample, 0)).toBe(false);
  });
});
