import type { WebSocket } from 'ws';
import { RtspPull } from '../../../adapters/rtsp/rtsp-pull.js';
import type { Fmp4Fragment } from '../../../adapters/rtsp/fmp4.js';
import { H264Peer, type PeerSignal } from '../../../adapters/webrtc/h264-peer.js';
import { RtpClock } from '../../../adapters/webrtc/rtp-clock.js';
import type { Camera } from '../../../shared/cctv/registry.js';
import type { StreamState } from '../../../shared/cctv/schemas.js';
import type { CameraCredentialStore } from './credentials.js';
import { withCredential } from './credentials.js';

/** How a viewer's picture travels: RTP over WebRTC, or fragmented MP4 on the socket itself. */
type VideoTransport = 'webrtc' | 'fmp4';

/**
 * What a viewer is told on the video socket as text. Over fMP4 the video itself follows as binary
 * messages; over WebRTC the socket carries the call's setup (offer, candidates) and the states.
 */
type VideoMessage =
  | { type: 'state'; state: StreamState; error: string | null; camera: string }
  | { type: 'init'; codec: string; transcoded: boolean }
  | { type: 'transport'; transport: VideoTransport; reason?: string }
  | PeerSignal;

/** What a viewer's browser may say on the socket: its answer and candidates, or "fMP4 instead". */
type ViewerMessage = { type: 'answer'; sdp: string } | { type: 'candidate'; candidate: string; mid: string } | { type: 'transport'; transport: 'fmp4' };

/** A viewer this far behind skips to the next keyframe rather than fall further behind. */
const BEHIND_BYTES = 2 * 1024 * 1024;
/** Nobody watching for this long: the pull stops (a quick tile swap does not restart it). */
const LINGER_MS = 2000;

interface Viewer {
  ws: WebSocket;
  waitingForKey: boolean;
  transport: VideoTransport;
  /** The viewer's WebRTC call, once the stream's codec is known. */
  peer: H264Peer | null;
}

interface Feed {
  camera: Camera;
  pull: RtspPull;
  viewers: Set<Viewer>;
  init: { data: Buffer; codec: string; transcoded: boolean; timescale: number } | null;
  /** Frame times for RTP, going forward across pulls. */
  clock: RtpClock;
  linger: ReturnType<typeof setTimeout> | null;
}

export interface StreamHubOptions {
  camera(id: string): Camera | undefined;
  credentials: CameraCredentialStore;
  ffmpeg?: string;
  /**
   * WebRTC for viewers who ask for it: `address` is the one address ICE offers (the console's own
   * when it listens on loopback); every interface when left out.
   */
  webrtc?: { address?: string };
  /** Audit: a viewer started or stopped watching. */
  viewed?(cameraId: string, by: string, started: boolean, where: string): void;
  log?(s: string): void;
}

/**
 * Every camera being watched, pulled once and fanned out to each viewer: over WebRTC (the same
 * H.264 frames as RTP, the call set up on the viewer's socket) or as fragmented MP4 on the socket
 * (init segment, then fragments from a keyframe on). The pull stops when the last viewer goes.
 */
export class StreamHub {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly opts: StreamHubOptions) {}

  state(cameraId: string): { state: StreamState; error: string | null } {
    const f = this.feeds.get(cameraId);
    return f ? { state: f.pull.state, error: f.pull.error } : { state: 'idle', error: null };
  }

  /** Cameras being pulled now (for health and tests). */
  get pulling(): string[] {
    return [...this.feeds.keys()];
  }

  watch(ws: WebSocket, cameraId: string, by: string, where: string, transport: VideoTransport = 'fmp4'): void {
    const camera = this.opts.camera(cameraId);
    const send = (m: VideoMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
    if (!camera) {
      send({ type: 'state', state: 'no_signal', error: `there is no camera ${cameraId} in the registry`, camera: cameraId });
      ws.close(4404, 'no such camera');
      return;
    }
    if (!camera.rtspMain && !camera.rtspSub) {
      send({ type: 'state', state: 'no_signal', error: `${camera.name} has no RTSP address in the registry`, camera: cameraId });
      ws.close(4404, 'no stream');
      return;
    }
    const feed = this.feeds.get(cameraId) ?? this.open(camera);
    if (feed.linger) clearTimeout(feed.linger);
    feed.linger = null;
    const viewer: Viewer = { ws, waitingForKey: true, transport: 'fmp4', peer: null };
    feed.viewers.add(viewer);
    this.opts.viewed?.(cameraId, by, true, where);
    send({ type: 'state', state: feed.pull.state, error: feed.pull.error, camera: cameraId });
    if (transport === 'webrtc') {
      viewer.transport = 'webrtc';
      send({ type: 'transport', transport: 'webrtc' });
    }
    if (feed.init) this.sendInit(feed, viewer);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        this.heard(feed, viewer, JSON.parse(String(data)) as ViewerMessage);
      } catch {
        // Not a message this host knows: the picture goes on.
      }
    });
    const leave = () => {
      viewer.peer?.close();
      if (!feed.viewers.delete(viewer)) return;
      this.opts.viewed?.(cameraId, by, false, where);
      if (feed.viewers.size === 0 && this.feeds.get(cameraId) === feed) feed.linger = setTimeout(() => this.close(cameraId), LINGER_MS);
    };
    ws.on('close', leave);
    ws.on('error', leave);
  }

  /** A camera taken out of the registry: its viewers are told and its pull stops. */
  forget(cameraId: string): void {
    const f = this.feeds.get(cameraId);
    if (!f) return;
    for (const v of f.viewers) {
      v.peer?.close();
      v.ws.send(JSON.stringify({ type: 'state', state: 'no_signal', error: 'the camera was taken out of the registry', camera: cameraId } satisfies VideoMessage));
      v.ws.close(4410, 'camera removed');
    }
    this.close(cameraId);
  }

  stop(): void {
    for (const id of [...this.feeds.keys()]) this.close(id);
  }

  private sendInit(feed: Feed, v: Viewer) {
    const init = feed.init;
    if (!init || v.ws.readyState !== v.ws.OPEN) return;
    v.ws.send(JSON.stringify({ type: 'init', codec: init.codec, transcoded: init.transcoded } satisfies VideoMessage));
    v.waitingForKey = true;
    if (v.transport === 'fmp4') v.ws.send(init.data);
    else if (!v.peer) this.call(feed, v, init.codec);
  }

  /** Sets up a viewer's WebRTC call, offered from here; any failure leaves the viewer on fMP4. */
  private call(feed: Feed, v: Viewer, codec: string) {
    const webrtc = this.opts.webrtc ?? {};
    try {
      v.peer = new H264Peer({
        codec,
        ...(webrtc.address && { bindAddress: webrtc.address }),
        signal: (m) => v.ws.readyState === v.ws.OPEN && v.ws.send(JSON.stringify(m satisfies VideoMessage)),
        state: (s) => {
          // The call is up: the viewer starts at the next keyframe, as a fresh fMP4 viewer does.
          if (s === 'connected') v.waitingForKey = true;
          else if (v.transport === 'webrtc') this.fallBack(feed, v, s === 'failed' ? 'the WebRTC call failed' : 'the WebRTC call closed');
        },
      });
    } catch (err) {
      this.fallBack(feed, v, `WebRTC could not start here (${(err as Error).message})`);
    }
  }

  /** The viewer goes over to fMP4 on its socket, from the init segment. */
  private fallBack(feed: Feed, v: Viewer, reason: string) {
    v.peer?.close();
    v.peer = null;
    if (v.transport === 'fmp4') return;
    v.transport = 'fmp4';
    this.opts.log?.(`a viewer goes over to fMP4: ${reason}`);
    if (v.ws.readyState !== v.ws.OPEN) return;
    v.ws.send(JSON.stringify({ type: 'transport', transport: 'fmp4', reason } satisfies VideoMessage));
    this.sendInit(feed, v);
  }

  private heard(feed: Feed, v: Viewer, m: ViewerMessage) {
    if (m.type === 'transport' && m.transport === 'fmp4') this.fallBack(feed, v, 'the console asked for fMP4');
    else if (m.type === 'answer' && typeof m.sdp === 'string') v.peer?.answer(m.sdp);
    else if (m.type === 'candidate' && typeof m.candidate === 'string' && typeof m.mid === 'string') v.peer?.candidate(m.candidate, m.mid);
  }

  private open(camera: Camera): Feed {
    const url = camera.rtspMain ?? camera.rtspSub!;
    const feed: Feed = {
      camera,
      viewers: new Set(),
      init: null,
      clock: new RtpClock(),
      linger: null,
      pull: new RtspPull(
        {
          url: withCredential(url, this.opts.credentials.get(camera.id)?.rtsp),
          transport: camera.transport ?? 'tcp',
          ...(this.opts.ffmpeg && { ffmpeg: this.opts.ffmpeg }),
          log: (s) => this.opts.log?.(`${camera.name}: ${s}`),
        },
        {
          state: (state, error) => {
            for (const v of feed.viewers) if (v.ws.readyState === v.ws.OPEN) v.ws.send(JSON.stringify({ type: 'state', state, error, camera: camera.id } satisfies VideoMessage));
          },
          init: (init) => {
            feed.init = init;
            feed.clock.restart();
            for (const v of feed.viewers) this.sendInit(feed, v);
          },
          fragment: (f) => this.fanOut(feed, f),
        },
      ),
    };
    this.feeds.set(camera.id, feed);
    feed.pull.start();
    return feed;
  }

  private fanOut(feed: Feed, f: Fmp4Fragment) {
    const time90k = feed.clock.at(f.time, feed.init?.timescale ?? 90_000);
    for (const v of feed.viewers) {
      if (v.ws.readyState !== v.ws.OPEN) continue;
      if (v.waitingForKey && !f.key) continue;
      if (v.transport === 'webrtc') {
        // The same frame, as it came from the camera: RTP packets, no decode and no re-encode.
        if (v.peer?.send(f.sample, time90k)) v.waitingForKey = false;
        continue;
      }
      // A slow viewer drops to the next keyframe: it sees a jump, never an ever-growing delay.
      if (v.ws.bufferedAmount > BEHIND_BYTES) {
        v.waitingForKey = true;
        continue;
      }
      v.waitingForKey = false;
      v.ws.send(f.data);
    }
  }

  private close(cameraId: string) {
    const f = this.feeds.get(cameraId);
    if (!f) return;
    if (f.linger) clearTimeout(f.linger);
    f.pull.stop();
    this.feeds.delete(cameraId);
  }
}
