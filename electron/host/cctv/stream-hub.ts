import type { WebSocket } from 'ws';
import { RtspPull } from '../../../adapters/rtsp/rtsp-pull.js';
import type { Fmp4Fragment } from '../../../adapters/rtsp/fmp4.js';
import type { Camera } from '../../../shared/cctv/registry.js';
import type { StreamState } from '../../../shared/cctv/schemas.js';
import type { CameraCredentialStore } from './credentials.js';
import { withCredential } from './credentials.js';

/** What a viewer is told on the video socket as text; the video itself goes as binary messages. */
type VideoMessage =
  | { type: 'state'; state: StreamState; error: string | null; camera: string }
  | { type: 'init'; codec: string; transcoded: boolean };

/** A viewer this far behind skips to the next keyframe rather than fall further behind. */
const BEHIND_BYTES = 2 * 1024 * 1024;
/** Nobody watching for this long: the pull stops (a quick tile swap does not restart it). */
const LINGER_MS = 2000;

interface Viewer {
  ws: WebSocket;
  waitingForKey: boolean;
}

interface Feed {
  camera: Camera;
  pull: RtspPull;
  viewers: Set<Viewer>;
  init: { data: Buffer; codec: string; transcoded: boolean } | null;
  linger: ReturnType<typeof setTimeout> | null;
}

export interface StreamHubOptions {
  camera(id: string): Camera | undefined;
  credentials: CameraCredentialStore;
  ffmpeg?: string;
  /** Audit: a viewer started or stopped watching. */
  viewed?(cameraId: string, by: string, started: boolean, where: string): void;
  log?(s: string): void;
}

/**
 * Every camera being watched, pulled once and fanned out to each viewer's socket as fragmented
 * MP4 (init segment, then fragments from a keyframe on). The pull stops when the last viewer goes.
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

  watch(ws: WebSocket, cameraId: string, by: string, where: string): void {
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
    const viewer: Viewer = { ws, waitingForKey: true };
    feed.viewers.add(viewer);
    this.opts.viewed?.(cameraId, by, true, where);
    send({ type: 'state', state: feed.pull.state, error: feed.pull.error, camera: cameraId });
    if (feed.init) this.sendInit(viewer, feed.init);
    const leave = () => {
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
      v.ws.send(JSON.stringify({ type: 'state', state: 'no_signal', error: 'the camera was taken out of the registry', camera: cameraId } satisfies VideoMessage));
      v.ws.close(4410, 'camera removed');
    }
    this.close(cameraId);
  }

  stop(): void {
    for (const id of [...this.feeds.keys()]) this.close(id);
  }

  private sendInit(v: Viewer, init: NonNullable<Feed['init']>) {
    if (v.ws.readyState !== v.ws.OPEN) return;
    v.ws.send(JSON.stringify({ type: 'init', codec: init.codec, transcoded: init.transcoded } satisfies VideoMessage));
    v.ws.send(init.data);
    v.waitingForKey = true;
  }

  private open(camera: Camera): Feed {
    const url = camera.rtspMain ?? camera.rtspSub!;
    const feed: Feed = {
      camera,
      viewers: new Set(),
      init: null,
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
            for (const v of feed.viewers) this.sendInit(v, init);
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
    for (const v of feed.viewers) {
      if (v.ws.readyState !== v.ws.OPEN) continue;
      if (v.waitingForKey && !f.key) continue;
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
