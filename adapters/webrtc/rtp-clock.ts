/** A gap put between a restarted stream and what came before it: about one frame. */
const GAP_90K = 6000;

/**
 * A camera's frame times on one 90 kHz clock that only goes forward. Each pull of the camera
 * (after it drops, or when it is read again transcoded) starts its own times from anywhere,
 * often from zero; a browser's receiver would hold frames that seem to go back in time, so each
 * new pull carries on from where the last one stopped.
 */
export class RtpClock {
  private offset = 0;
  private last: number | null = null;
  private rebase = true;

  /** A new pull has begun: its first frame follows the last one sent. */
  restart(): void {
    this.rebase = true;
  }

  /** The 90 kHz time of a frame shown at `time` ticks of `timescale` per second. */
  at(time: number, timescale: number): number {
    const t = Math.round((time * 90_000) / timescale);
    if (this.rebase || (this.last !== null && this.offset + t <= this.last)) {
      this.offset = this.last === null ? -t : this.last + GAP_90K - t;
      this.rebase = false;
    }
    this.last = this.offset + t;
    return this.last;
  }
}
