/**
 * The road network as the importer stores it: junctions and bends (`nodes`) joined by straight
 * pieces of road (`segments`), each saying who may use it and which way.
 */
export interface RoadGraphData {
  /** Microdegrees, so the file is small and the same on every machine. */
  lat: Int32Array;
  lon: Int32Array;
  from: Uint32Array;
  to: Uint32Array;
  /** Metres. */
  length: Float32Array;
  /** `SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD`. */
  flags: Uint8Array;
}

/** Walkable either way: a pedestrian is not bound by one-way signs. */
export const SEGMENT_FOOT = 1;
/** Drivable from `from` to `to`. */
export const SEGMENT_DRIVE_FORWARD = 2;
/** Drivable from `to` to `from`. */
export const SEGMENT_DRIVE_BACKWARD = 4;

const MAGIC = 0x31475242; // "BRG1", little-endian

/** The road network as bytes, for the map package: a header, then each array in turn. */
export function encodeRoadGraph(d: RoadGraphData): Uint8Array {
  const n = d.lat.length;
  const s = d.from.length;
  const bytes = new Uint8Array(12 + n * 8 + s * 12 + s);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, n, true);
  view.setUint32(8, s, true);
  let at = 12;
  for (const a of [d.lat, d.lon, d.from, d.to, d.length, d.flags]) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

/** Reads what `encodeRoadGraph` wrote; throws on anything else. */
export function decodeRoadGraph(bytes: Uint8Array): RoadGraphData {
  // A copy, so every array starts on a 4-byte boundary whatever buffer the bytes came in.
  const buf = bytes.slice().buffer;
  const view = new DataView(buf);
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a road network');
  const n = view.getUint32(4, true);
  const s = view.getUint32(8, true);
  if (bytes.byteLength !== 12 + n * 8 + s * 13) throw new Error('road network is truncated');
  let at = 12;
  const take = <T>(make: (b: ArrayBuffer, o: number, len: number) => T, count: number, size: number): T => {
    const a = make(buf, at, count);
    at += count * size;
    return a;
  };
  const data: RoadGraphData = {
    lat: take((b, o, l) => new Int32Array(b, o, l), n, 4),
    lon: take((b, o, l) => new Int32Array(b, o, l), n, 4),
    from: take((b, o, l) => new Uint32Array(b, o, l), s, 4),
    to: take((b, o, l) => new Uint32Array(b, o, l), s, 4),
    length: take((b, o, l) => new Float32Array(b, o, l), s, 4),
    flags: take((b, o, l) => new Uint8Array(b, o, l), s, 1),
  };
  for (let i = 0; i < s; i++) if (data.from[i]! >= n || data.to[i]! >= n) throw new Error('road network names a node it does not hold');
  return data;
}
