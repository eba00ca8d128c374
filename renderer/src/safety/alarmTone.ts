/**
 * The alarm sound: a two-tone pulse from a Web Audio oscillator, repeated until the alarm is
 * acknowledged. Generated, not a file, so it works offline and cannot fail to load. Browsers hold
 * audio until the first key press or click; the tone starts then if it was blocked.
 */
export type ToneState = 'off' | 'playing' | 'blocked';

/** The emergency alarm's loudest moment: every other sound the console makes stays below it. */
export const ALARM_PEAK_GAIN = 0.25;

export class AlarmTone {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private wanted = false;
  private listeners = new Set<(s: ToneState) => void>();
  private readonly unblock = () => void this.resume();

  get state(): ToneState {
    if (!this.wanted) return 'off';
    return this.ctx?.state === 'running' ? 'playing' : 'blocked';
  }

  onChange(fn: (s: ToneState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit() {
    for (const l of this.listeners) l(this.state);
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    try {
      this.ctx ??= new AudioContext();
    } catch {
      this.emit();
      return;
    }
    this.ctx.onstatechange = () => this.emit();
    window.addEventListener('keydown', this.unblock, true);
    window.addEventListener('pointerdown', this.unblock, true);
    void this.resume();
    this.beep();
    this.timer = setInterval(() => this.beep(), 1200);
    this.emit();
  }

  stop(): void {
    if (!this.wanted) return;
    this.wanted = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    window.removeEventListener('keydown', this.unblock, true);
    window.removeEventListener('pointerdown', this.unblock, true);
    void this.ctx?.suspend().catch(() => undefined);
    this.emit();
  }

  private async resume() {
    try {
      await this.ctx?.resume();
    } catch {
      /* still blocked: the next gesture tries again */
    }
    this.emit();
  }

  private beep() {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return;
    const t = ctx.currentTime;
    for (const [i, freq] of [960, 720].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      const at = t + i * 0.25;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(ALARM_PEAK_GAIN, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.24);
    }
  }

  dispose(): void {
    this.stop();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
