/** Seconds of video kept behind the playhead; older is removed so memory stays flat all shift. */
const KEEP_S = 6;
/**
 * Live means now: a player a little behind the newest frame plays faster until it catches up
 * (no frame skipped); one far behind (a tab that was hidden) jumps.
 */
const CATCH_UP_S = 0.15;
const JUMP_S = 1;

/**
 * Fragmented MP4 into a <video> through Media Source Extensions. A new init segment (the camera
 * came back, or is now transcoded) starts a fresh MediaSource, since its codec may differ.
 */
export class MsePlayback {
  private ms: MediaSource | null = null;
  private sb: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  private objectUrl: string | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    /** The picture cannot be shown: why, in words. */
    private readonly failed: (error: string) => void,
  ) {}

  /** A new stream begins: its init segment is the next thing appended. */
  reset(codec: string): void {
    this.queue = [];
    this.sb = null;
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    const type = `video/mp4; codecs="${codec}"`;
    if (!MediaSource.isTypeSupported(type)) return this.failed(`this console cannot play ${codec} video`);
    const ms = new MediaSource();
    this.ms = ms;
    this.objectUrl = URL.createObjectURL(ms);
    this.video.srcObject = null;
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

  append(data: ArrayBuffer): void {
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
      this.failed(`the picture could not be decoded (${(err as Error).name})`);
    }
    if (this.video.paused) void this.video.play().catch(() => undefined);
  }

  close(): void {
    this.ms = null;
    this.sb = null;
    this.queue = [];
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }
}
