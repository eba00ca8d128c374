/** A fragmented MP4 cut into what a viewer needs: the init segment, then fragments. */
export interface Fmp4Init {
  data: Buffer;
  /** The MSE codec string, e.g. `avc1.640028`. */
  codec: string;
  /** Ticks per second of the fragments' times (the track's `mdhd` timescale). */
  timescale: number;
}
export interface Fmp4Fragment {
  data: Buffer;
  /** Whether the fragment starts with a keyframe: a viewer joining may start here. */
  key: boolean;
  /** The frame itself (`mdat`'s body): H.264 NAL units, each after its 4-byte length. */
  sample: Buffer;
  /** When the frame is shown, in the init's timescale (decode time plus composition offset). */
  time: number;
}

const NON_SYNC = 0x00010000;

/** `moof` → whether its first sample is a sync sample (a keyframe), and when it is shown. */
function firstSample(moof: Buffer, trexDefault: number): { key: boolean; time: number } {
  let defaultFlags = trexDefault;
  let decodeTime = 0;
  for (const traf of children(moof, 8)) {
    if (traf.type !== 'traf') continue;
    for (const b of children(traf.body, 0)) {
      if (b.type === 'tfdt') decodeTime = b.body[0] === 1 ? Number(b.body.readBigUInt64BE(4)) : b.body.readUInt32BE(4);
      else if (b.type === 'tfhd') {
        const flags = b.body.readUInt32BE(0) & 0xffffff;
        let o = 8;
        if (flags & 0x1) o += 8;
        if (flags & 0x2) o += 4;
        if (flags & 0x8) o += 4;
        if (flags & 0x10) o += 4;
        if (flags & 0x20) defaultFlags = b.body.readUInt32BE(o);
      } else if (b.type === 'trun') {
        const version = b.body[0]!;
        const flags = b.body.readUInt32BE(0) & 0xffffff;
        let o = 8;
        if (flags & 0x1) o += 4;
        let sampleFlags = defaultFlags;
        if (flags & 0x4) {
          sampleFlags = b.body.readUInt32BE(o);
          o += 4;
        }
        // The first sample's own fields, in their fixed order: duration, size, flags, offset.
        if (flags & 0x100) o += 4;
        if (flags & 0x200) o += 4;
        if (flags & 0x400) {
          if (!(flags & 0x4)) sampleFlags = b.body.readUInt32BE(o);
          o += 4;
        }
        const offset = flags & 0x800 ? (version === 0 ? b.body.readUInt32BE(o) : b.body.readInt32BE(o)) : 0;
        return { key: (sampleFlags & NON_SYNC) === 0, time: decodeTime + offset };
      }
    }
  }
  return { key: false, time: decodeTime };
}

function* children(buf: Buffer, start: number): Generator<{ type: string; body: Buffer }> {
  let o = start;
  while (o + 8 <= buf.length) {
    const size = buf.readUInt32BE(o);
    if (size < 8 || o + size > buf.length) return;
    yield { type: buf.toString('latin1', o + 4, o + 8), body: buf.subarray(o + 8, o + size) };
    o += size;
  }
}

/** The MSE codec string from the `avcC` box inside `moov`; plain `avc1.42E01E` if it cannot be read. */
function codecOf(moov: Buffer): string {
  const at = moov.indexOf('avcC', 0, 'latin1');
  if (at < 0 || at + 8 > moov.length) return moov.indexOf('hvcC', 0, 'latin1') >= 0 ? 'hvc1' : 'avc1.42E01E';
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `avc1.${hex(moov[at + 5]!)}${hex(moov[at + 6]!)}${hex(moov[at + 7]!)}`;
}

/** The video track's timescale from `moov/trak/mdia/mdhd` (90 kHz if it cannot be read). */
function timescaleOf(moov: Buffer): number {
  const at = moov.indexOf('mdhd', 0, 'latin1');
  if (at < 0 || at + 28 > moov.length) return 90_000;
  return moov[at + 4] === 1 ? moov.readUInt32BE(at + 24) : moov.readUInt32BE(at + 16);
}

/** The default sample flags from `moov/mvex/trex`, used when a fragment states none of its own. */
function trexFlags(moov: Buffer): number {
  const at = moov.indexOf('trex', 0, 'latin1');
  return at >= 0 && at + 24 <= moov.length ? moov.readUInt32BE(at + 20) : 0;
}

/**
 * Reads ffmpeg's fragmented MP4 from a byte stream: top-level boxes are collected until `ftyp` +
 * `moov` (the init segment) and each `moof` + `mdat` (a fragment) are whole.
 */
export class Fmp4Splitter {
  private pending: Buffer = Buffer.alloc(0);
  private initParts: Buffer[] = [];
  private moof: Buffer | null = null;
  private trex = 0;

  constructor(private readonly on: { init(i: Fmp4Init): void; fragment(f: Fmp4Fragment): void }) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let o = 0;
    while (this.pending.length - o >= 8) {
      let size = this.pending.readUInt32BE(o);
      let header = 8;
      if (size === 1) {
        if (this.pending.length - o < 16) break;
        size = Number(this.pending.readBigUInt64BE(o + 8));
        header = 16;
      }
      if (size < header) throw new Error('the stream is not MP4 (a box with no size)');
      if (this.pending.length - o < size) break;
      const box = this.pending.subarray(o, o + size);
      this.box(box.toString('latin1', 4, 8), box);
      o += size;
    }
    this.pending = o === this.pending.length ? Buffer.alloc(0) : Buffer.from(this.pending.subarray(o));
  }

  private box(type: string, box: Buffer) {
    if (type === 'ftyp') this.initParts = [Buffer.from(box)];
    else if (type === 'moov') {
      this.trex = trexFlags(box);
      this.on.init({ data: Buffer.concat([...this.initParts, box]), codec: codecOf(box), timescale: timescaleOf(box) });
      this.initParts = [];
    } else if (type === 'moof') this.moof = Buffer.from(box);
    else if (type === 'mdat' && this.moof) {
      const data = Buffer.concat([this.moof, box]);
      this.on.fragment({ data, ...firstSample(this.moof, this.trex), sample: data.subarray(this.moof.length + 8) });
      this.moof = null;
    }
  }
}
