import { ALARM_PEAK_GAIN } from '../safety/alarmTone.js';
import type { NewWorkKind } from './newWork.js';

/**
 * One short sound per kind of new work, told apart by ear: a single soft chime for a new incident,
 * three quick high notes for a new P1, a falling pair for an unacknowledged assignment. Generated
 * with Web Audio like the alarm, and always quieter than it.
 */
export const WORK_SOUNDS: Record<NewWorkKind, { freqs: number[]; type: OscillatorType; gain: number; step: number }> = {
  incident: { freqs: [660], type: 'sine', gain: 0.08, step: 0.2 },
  p1: { freqs: [1175, 1175, 1175], type: 'triangle', gain: 0.16, step: 0.13 },
  unacknowledged: { freqs: [587, 440], type: 'sine', gain: 0.12, step: 0.22 },
};

/** Never louder than the emergency alarm, whatever a desk sets. */
export const WORK_GAIN_CEILING = ALARM_PEAK_GAIN * 0.8;

export class WorkTone {
  private ctx: AudioContext | null = null;

  play(kind: NewWorkKind, volume: number): void {
    try {
      this.ctx ??= new AudioContext();
    } catch {
      return;
    }
    const ctx = this.ctx;
    // Held by the browser until the first key press or click; new work after that is heard.
    if (ctx.state !== 'running') void ctx.resume().catch(() => undefined);
    const s = WORK_SOUNDS[kind];
    const peak = Math.max(0.0002, Math.min(WORK_GAIN_CEILING, s.gain * volume));
    const t = ctx.currentTime;
    s.freqs.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = s.type;
      osc.frequency.value = freq;
      const at = t + i * s.step;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(peak, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + s.step * 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + s.step);
    });
  }

  dispose(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }
}
