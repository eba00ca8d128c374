import type { StreamState } from '../../../shared/cctv/schemas.js';
import { MsePlayback } from './msePlayback.js';
import { WebRtcPlayback, webrtcAvailable } from './webrtcPlayback.js';

/** How the picture reaches this console: over WebRTC, or as fragmented MP4 on the socket. */
type VideoTransport = 'webrtc' | 'fmp4';

/** What a tile knows of its camera's picture. */
export interface PlayerStatus {
  state: StreamState;
  error: string | null;
  /** When the last frame arrived (ms, this machine's clock); 0 = none yet. */
  lastFrameAt: number;
  transcoded: boolean;
  /** null until the host has said which (a call being set up). */
  transport: VideoTransport | null;
}

/**
 * A call that is not up this long after the host offered it is given up for fMP4: a firewall or
 * a browser without loopback WebRTC must cost an operator seconds, not the picture.
 */
const WEBRTC_CONNECT_MS = 4000;
/** How often a WebRTC picture's frames refresh the tile's "last frame" clock. */
const FRAME_CLOCK_MS = 250;

/**
 * The WebSocket address of a camera's video at the host's address `base`. Who watches is the
 * session's: a `ticket` (used once) stands for it where the page cannot send the session's cookie.
 */
export function liveUrl(base: string, cameraId: string, where: 'desk' | 'wall', ticket?: string): string {
  const u = new URL(`api/cameras/${encodeURIComponent(cameraId)}/live`, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.searchParams.set('where', where);
  if (ticket) u.searchParams.set('ticket', ticket);
  return u.href;
}

type HostMessage =
  | { type: 'state'; state: StreamState; error?: string | null }
  | { type: 'init'; codec: string; transcoded?: boolean }
  | { type: 'transport'; transport: VideoTransport; reason?: string }
  | { type: 'offer'; sdp: string }
  | { type: 'candidate'; candidate: string; mid: string };

/**
 * Plays one camera in a <video>. The camera's socket carries its states; the picture comes over
 * WebRTC where this browser and the host can set up a call, else as fragmented MP4 on the socket
 * into Media Source Extensions. A call that does not come up in a few seconds, or fails, falls
 * back to fMP4 on the same socket, and this player stays on fMP4 from then on.
 */
export class LivePlayer {
  private ws: WebSocket | null = null;
  private mse: MsePlayback;
  private call: WebRtcPlayback | null = null;
  private callTimer: ReturnType<typeof setTimeout> | null = null;
  private wantWebrtc: boolean;
  private expectInit = false;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private frameClock = 0;
  status: PlayerStatus = { state: 'connecting', error: null, lastFrameAt: 0, transcoded: false, transport: null };

  constructor(
    private readonly video: HTMLVideoElement,
    /** The socket's address, asked afresh for each connection (a ticket in it is good once). */
    private readonly url: () => Promise<string>,
    private readonly onStatus: (s: PlayerStatus) => void,
    opts: { webrtc?: boolean } = {},
  ) {
    this.wantWebrtc = (opts.webrtc ?? true) && webrtcAvailable();
    this.mse = new MsePlayback(video, (error) => this.update({ state: 'no_signal', error }));
    void this.connect();
  }

  private update(s: Partial<PlayerStatus>) {
    this.status = { ...this.status, ...s };
    this.onStatus(this.status);
  }

  private async connect() {
    let address: string;
    try {
      address = await this.url();
    } catch (err) {
      if (this.closed) return;
      this.update({ state: 'no_signal', error: `the console host did not give a way to the picture (${(err as Error).message}); trying again` });
      this.retry = setTimeout(() => void this.connect(), 2000);
      return;
    }
    if (this.closed) return;
    const u = new URL(address);
    if (this.wantWebrtc) u.searchParams.set('transport', 'webrtc');
    const ws = new WebSocket(u.href);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.update({ transport: this.wantWebrtc ? null : 'fmp4' });
    ws.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      if (typeof e.data === 'string') return this.message(JSON.parse(e.data) as HostMessage);
      if (this.status.transport !== 'fmp4') return;
      this.mse.append(e.data);
      if (this.expectInit) this.expectInit = false;
      else this.update({ lastFrameAt: Date.now() });
    };
    ws.onclose = (e) => {
      if (this.closed || this.ws !== ws) return;
      this.endCall();
      // 44xx: the host said this camera cannot be shown; anything else is the link, tried again.
      if (e.code >= 4400 && e.code < 4500) return this.update({ state: 'no_signal' });
      this.update({ state: 'no_signal', error: 'the link to the console host was lost; reconnecting' });
      this.retry = setTimeout(() => void this.connect(), 2000);
    };
  }

  private send(m: object) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  private message(m: HostMessage) {
    switch (m.type) {
      case 'state':
        return this.update({ state: m.state, error: m.error ?? null });
      case 'init':
        // A host that said nothing of WebRTC before its init segment sends fMP4 only.
        if (this.status.transport === null) this.useFmp4();
        this.update({ transcoded: !!m.transcoded });
        if (this.status.transport === 'fmp4') {
          this.mse.reset(m.codec);
          this.expectInit = true;
        }
        return;
      case 'transport':
        if (m.transport === 'fmp4') return this.useFmp4();
        return this.update({ transport: 'webrtc' });
      case 'offer':
        return this.answer(m.sdp);
      case 'candidate':
        return void this.call?.candidate(m.candidate, m.mid);
    }
  }

  private answer(sdp: string) {
    this.endCall();
    const call = new WebRtcPlayback(this.video, (m) => this.send(m), (s) => {
      if (this.call !== call) return;
      if (s === 'failed') return this.fallBack();
      if (this.callTimer) clearTimeout(this.callTimer);
      this.callTimer = null;
      this.watchFrames();
    });
    this.call = call;
    this.callTimer = setTimeout(() => this.fallBack(), WEBRTC_CONNECT_MS);
    call.offer(sdp).catch(() => this.fallBack());
  }

  /** WebRTC did not come up (or failed): ask the host for fMP4 on this socket. */
  private fallBack() {
    if (this.status.transport === 'fmp4' || this.closed) return;
    this.send({ type: 'transport', transport: 'fmp4' });
    this.useFmp4();
  }

  private useFmp4() {
    this.endCall();
    this.wantWebrtc = false;
    this.update({ transport: 'fmp4' });
  }

  private endCall() {
    if (this.callTimer) clearTimeout(this.callTimer);
    this.callTimer = null;
    this.call?.close();
    this.call = null;
  }

  /** Each frame the call shows moves the tile's last-frame clock (a few times a second at most). */
  private watchFrames() {
    const call = this.call;
    const onFrame = () => {
      if (this.closed || this.call !== call) return;
      const now = Date.now();
      if (now - this.frameClock >= FRAME_CLOCK_MS) {
        this.frameClock = now;
        this.update({ lastFrameAt: now });
      }
      this.video.requestVideoFrameCallback(onFrame);
    };
    this.video.requestVideoFrameCallback(onFrame);
  }

  close() {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.endCall();
    this.ws?.close();
    this.mse.close();
    this.video.removeAttribute('src');
    this.video.load();
  }
}
