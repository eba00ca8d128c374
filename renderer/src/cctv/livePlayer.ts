import type { StreamState } from '../../../shared/cctv/schemas.js';

/** What a tile knows of its camera's picture. */
export interface PlayerStatus {
  state: StreamState;
  error: string | null;
  /** When the last frame arrived (ms, this machine's clock); 0 = none yet. */
  lastFrameAt: number;
  transcoded: boolean;
}

/** Seconds of video kept behind the playhead; older is removed so memory stays flat all shift. */
const KEEP_S = 6;
/**
 * Live means now: a player a little behind the newest frame plays faster until it catches up
 * (no frame skipped); one far behind (a tab that was hidden) jumps.
 */
const CATCH_UP_S = 0.15;
const JUMP_S = 1;

/** The WebSocket address of a camera's video, from the page's own address. */
export function liveUrl(base: string, cameraId: string, operator: string, where: 'desk' | 'wall'): string {
  const u = new URL(`api/cameras/${encodeURIComponent(cameraId)}/live`, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.searchParams.set('operator', operator);
  u.searchParams.set('where', where);
  return u.href;
}

/**
 * Plays one camera in a <video>: fragmented MP4 from the host's socket into Media Source
 * Extensions. A new init segment (the camera came back, or is now transcoded) starts a fresh
 * MediaSource, since its codec may differ.
 */
export class LivePlayer {
  private ws: WebSocket | null = null;
  private ms: MediaSource | null = null;
  private sb: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  private expectInit = false;
  private closed = false;
  private objectUrl: string | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  status: PlayerStatus = { state: 'connecting', error: null, lastFrameAt: 0, transcoded: false };

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly onStatus: (s: PlayerStatus) => void,
  ) {
    this.connect();
  }

  private update(s: Partial<PlayerStatus>) {
    this.status = { ...this.status, ...s };
    this.onStatus(this.status);
  }

  private connect() {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      if (typeof e.data === 'string') return this.message(JSON.parse(e.data) as { type: string; state?: StreamState; error?: string | null; codec?: string; transcoded?: boolean });
      if (this.expectInit) {
        this.expectInit = false;
        this.append(e.data);
        return;
      }
      this.append(e.data);
      this.update({ lastFrameAt: Date.now() });
    };
    ws.onclose = (e) => {
      if (this.closed) return;
      // 44xx: the host said this camera cannot be shown; anything else is the link, tried again.
      if (e.code >= 4400 && e.code < 4500) return this.update({ state: 'no_signal' });
      this.update({ state: 'no_signal', error: 'the link to the console host was lost; reconnecting' });
      this.retry = setTimeout(() => this.connect(), 2000);
    };
  }

  private message(m: { type: string; state?: StreamState; error?: string | null; codec?: string; transcoded?: boolean }) {
    if (m.type === 'state' && m.state) this.update({ state: m.state, error: m.error ?? null });
    if (m.type === 'init' && m.codec) {
      this.reset(m.codec);
      this.expectInit = true;
      this.update({ transcoded: !!m.transcoded });
    }
  }

  private reset(codec: string) {
    this.queue = [];
    this.sb = null;
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    const type = `video/mp4; codecs="${codec}"`;
    if (!MediaSource.isTypeSupported(type)) {
      this.update({ state: 'no_signal', error: `this console cannot play ${codec} video` });
      return;
    }
    const ms = new MediaSource();
    this.ms = ms;
    this.objectUrl = URL.createObjectURL(ms);
    this.video.src = this.objectUrl;
    ms.addEventListener('sourceopen', () => {
      if (this.ms !== ms) return;
      const sb = ms.addSourceBuffer(type);
      // Fragments play in the order they come; a camera's own timestamps may restart.
      sb.mode = 'sequence';
      sb.addEventListener('updateend', () => this.pump());
      this.sb = sb;
      this.pump();
    });
  }

  private append(data: ArrayBuffer) {
    this.queue.push(data);
    // A console that has fallen far behind drops what is queued and waits for what comes next.
    if (this.queue.length > 120) this.queue.splice(1, this.queue.length - 1);
    this.pump();
  }

  private pump() {
    const sb = this.sb;
    if (!sb || sb.updating || !this.ms || this.ms.readyState !== 'open') return;
    const b = this.video.buffered;
    if (b.length) {
      const end = b.end(b.length - 1);
      const lag = end - this.video.currentTime;
      if (lag > JUMP_S) this.video.currentTime = Math.max(b.start(b.length - 1), end - 0.05);
      this.video.playbackRate = lag > CATCH_UP_S ? 1.25 : 1;
      if (this.video.currentTime - b.start(0) > KEEP_S * 2) {
        sb.remove(b.start(0), this.video.currentTime - KEEP_S);
        return;
      }
    }
    const next = this.queue.shift();
    if (!next) return;
    try {
      sb.appendBuffer(next);
    } catch (err) {
      this.update({ state: 'no_signal', error: `the picture could not be decoded (${(err as Error).name})` });
    }
    if (this.video.paused) void this.video.play().catch(() => undefined);
  }

  close() {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.ws?.close();
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.video.removeAttribute('src');
    this.video.load();
  }
}
