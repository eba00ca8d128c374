import { type ChildProcess, spawn } from 'node:child_process';
import type { StreamState } from '../../shared/cctv/schemas.js';
import { inputCodec, pullArgs, pullFault } from '../ffmpeg/pull-args.js';
import { type Fmp4Fragment, type Fmp4Init, Fmp4Splitter } from './fmp4.js';

export interface PullEvents {
  state(state: StreamState, error: string | null): void;
  init(init: Fmp4Init & { transcoded: boolean }): void;
  fragment(f: Fmp4Fragment): void;
}

export interface PullConfig {
  /** The URL with its credentials: it goes to ffmpeg's arguments and nowhere else. */
  url: string;
  transport: 'tcp' | 'udp';
  ffmpeg?: string;
  /** No picture for this long means no signal (default 4 s). */
  silenceMs?: number;
  /** First wait before trying again; doubles to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  log?: (s: string) => void;
}

/**
 * One camera's RTSP stream, pulled once by ffmpeg whoever is watching. It reports connecting,
 * live and no signal; after a failure it tries again with backoff, and says when it will.
 */
export class RtspPull {
  private proc: ChildProcess | null = null;
  private stopped = false;
  private transcode = false;
  private stderr = '';
  private lastFrameAt = 0;
  private backoff: number;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  state: StreamState = 'idle';
  error: string | null = null;

  constructor(
    private readonly cfg: PullConfig,
    private readonly on: PullEvents,
  ) {
    this.backoff = cfg.backoffMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.spawn();
    this.watchdog = setInterval(() => {
      if (this.state === 'live' && Date.now() - this.lastFrameAt > (this.cfg.silenceMs ?? 4000)) this.fail('the camera stopped sending pictures');
    }, 500);
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retry = this.watchdog = null;
    this.kill();
    this.set('idle', null);
  }

  private set(state: StreamState, error: string | null) {
    if (state === this.state && error === this.error) return;
    this.state = state;
    this.error = error;
    this.on.state(state, error);
  }

  private kill() {
    const p = this.proc;
    this.proc = null;
    if (p && p.exitCode === null) p.kill('SIGKILL');
  }

  private spawn() {
    this.stderr = '';
    // A camera being retried stays "no signal" until a picture comes: it is not connecting as far
    // as an operator is concerned, and flickering between the two would hide that.
    if (this.state === 'no_signal') this.set('no_signal', this.error?.replace(/trying again in \d+ s$/, 'trying again now') ?? null);
    else this.set('connecting', null);
    const proc = spawn(this.cfg.ffmpeg ?? 'ffmpeg', pullArgs(this.cfg.url, { transport: this.cfg.transport, transcode: this.transcode }), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    const splitter = new Fmp4Splitter({
      init: (i) => this.on.init({ ...i, transcoded: this.transcode }),
      fragment: (f) => {
        this.lastFrameAt = Date.now();
        if (this.state !== 'live') {
          this.backoff = this.cfg.backoffMs ?? 1000;
          this.set('live', this.transcode ? 'H.265 camera: transcoded to H.264' : null);
        }
        this.on.fragment(f);
      },
    });
    proc.stdout!.on('data', (b: Buffer) => {
      if (this.proc !== proc) return;
      try {
        splitter.push(b);
      } catch (err) {
        this.fail((err as Error).message);
      }
    });
    proc.stderr!.on('data', (b: Buffer) => {
      if (this.proc !== proc) return;
      this.stderr = (this.stderr + b.toString()).slice(-8000);
      // Browsers here do not play H.265: such a camera is read again and re-encoded to H.264.
      if (!this.transcode && inputCodec(this.stderr) === 'hevc') {
        this.transcode = true;
        this.cfg.log?.('camera sends H.265: transcoding to H.264');
        this.kill();
        this.spawn();
      }
    });
    proc.on('error', (err) => this.proc === proc && this.fail(`ffmpeg could not be started (${err.message})`));
    proc.on('exit', () => {
      if (this.proc !== proc) return;
      this.proc = null;
      this.fail(pullFault(this.stderr) ?? 'the stream ended');
    });
  }

  private fail(reason: string) {
    if (this.stopped) return;
    this.kill();
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.cfg.maxBackoffMs ?? 15_000);
    this.set('no_signal', `${reason}; trying again in ${Math.round(wait / 1000)} s`);
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.spawn();
    }, wait);
  }
}
