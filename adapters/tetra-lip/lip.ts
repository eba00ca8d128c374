/**
 * TETRA Location Information Protocol (ETSI TS 100 392-18-1) as radio gateways forward it: the LIP
 * PDU bits that follow the SDS protocol identifier (0x0A), written as hex. Two reports are read:
 *
 * Short location report, 76 bits:
 *   PDU type 2 (=0) | time elapsed 2 | longitude 25 | latitude 24 | position error 3 |
 *   horizontal velocity 7 | direction of travel 4 | type of additional data 1 | additional data 8
 *
 * Long location report: PDU type 2 (=1) | PDU type extension 4 (=3) | time data | location shape 4 |
 *   location data | velocity type 3 | velocity data | acknowledgement request 1 |
 *   type of additional data 1 | additional data 8 | (optional elements, not read)
 *
 * Scaling is taken from the specification's definitions rather than any one decoder:
 *   longitude = n × 360 / 2^25 degrees, latitude = n × 180 / 2^24 degrees (n two's complement);
 *   horizontal velocity: n ≤ 28 is n km/h, 29…126 is 16 × 1.038^(n − 13) km/h, 127 is unknown;
 *   direction of travel = n × 22.5° (extended form: n × 360 / 256°);
 *   position error 0…6 = under 2 m, 20 m, 200 m, 2 km, 20 km, 200 km, over 200 km; 7 unknown.
 */


type LipFailure = { ok: false; reason: 'truncated_frame' | 'corrupt_frame' | 'unsupported_frame'; detail: string };

export interface LipReport {
  pdu: 'short' | 'long';
  lat: number;
  lon: number;
  /** Upper bound of the position error in metres, when the radio says. */
  errorMetres: number | null;
  speedKmh: number | null;
  headingDeg: number | null;
  /** 0 = under 5 s, 1 = under 5 min, 2 = under 30 min, 3 = not known. */
  timeElapsed: 0 | 1 | 2 | 3 | null;
  /** Long reports may carry the time of the fix as day of month and UTC time of day. */
  timeOfPosition: { day: number; hour: number; minute: number; second: number } | null;
  reasonForSending: number | null;
  userData: number | null;
  /** Reason for sending 2: "emergency condition is detected" on the terminal. */
  emergency: boolean;
}

export type LipVerdict = { ok: true; report: LipReport } | LipFailure;

const EMERGENCY_REASON = 2;
const POSITION_ERROR_M = [2, 20, 200, 2_000, 20_000, 200_000, null, null] as const;

export function velocityKmh(n: number): number | null {
  if (n === 127) return null;
  if (n <= 28) return n;
  return 16 * 1.038 ** (n - 13);
}

export const lonFromBits = (n: number) => (n * 360) / 2 ** 25;
export const latFromBits = (n: number) => (n * 180) / 2 ** 24;

class Bits {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly length: number,
  ) {}
  remaining() {
    return this.length - this.pos;
  }
  /** Unsigned, most significant bit first; up to 32 bits. */
  take(n: number, what: string): number {
    if (this.pos + n > this.length) throw new Failure('truncated_frame', `frame ends inside ${what} (bit ${this.pos}, needs ${n} more, has ${this.remaining()})`);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const bit = this.pos + i;
      v = v * 2 + ((this.bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
    }
    this.pos += n;
    return v;
  }
  signed(n: number, what: string): number {
    const v = this.take(n, what);
    return v >= 2 ** (n - 1) ? v - 2 ** n : v;
  }
}

class Failure extends Error {
  constructor(
    readonly reason: LipFailure['reason'],
    message: string,
  ) {
    super(message);
  }
}

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length === 0) throw new Failure('truncated_frame', 'the PDU is empty');
  if (!/^[0-9a-fA-F]+$/.test(clean)) throw new Failure('corrupt_frame', 'the PDU is not hexadecimal');
  if (clean.length % 2 !== 0) throw new Failure('corrupt_frame', 'the PDU has an odd number of hex digits');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function additional(r: Bits, report: LipReport) {
  const userDefined = r.take(1, 'type of additional data') === 1;
  const data = r.take(8, userDefined ? 'user defined data' : 'reason for sending');
  if (userDefined) report.userData = data;
  else {
    report.reasonForSending = data;
    report.emergency = data === EMERGENCY_REASON;
  }
}

function position(r: Bits, report: LipReport) {
  report.lon = lonFromBits(r.signed(25, 'longitude'));
  report.lat = latFromBits(r.signed(24, 'latitude'));
}

function blank(pdu: LipReport['pdu']): LipReport {
  return {
    pdu,
    lat: 0,
    lon: 0,
    errorMetres: null,
    speedKmh: null,
    headingDeg: null,
    timeElapsed: null,
    timeOfPosition: null,
    reasonForSending: null,
    userData: null,
    emergency: false,
  };
}

function decodeShort(r: Bits): LipReport {
  const report = blank('short');
  report.timeElapsed = r.take(2, 'time elapsed') as 0 | 1 | 2 | 3;
  position(r, report);
  report.errorMetres = POSITION_ERROR_M[r.take(3, 'position error')] ?? null;
  report.speedKmh = velocityKmh(r.take(7, 'horizontal velocity'));
  const dir = r.take(4, 'direction of travel');
  report.headingDeg = dir * 22.5;
  additional(r, report);
  return report;
}

// Shapes whose fields after latitude we know the length of, and how many bits that is.
const SHAPE_TAIL: Record<number, number> = { 1: 0, 2: 6, 4: 12, 5: 18, 10: 3 };
const HORIZONTAL_UNCERTAINTY_M = (k: number) => 10 * (1.1 ** k - 1);

function decodeLong(r: Bits): LipReport {
  const ext = r.take(4, 'PDU type extension');
  if (ext !== 3) throw new Failure('unsupported_frame', `LIP PDU type extension ${ext} is not a long location report`);
  const report = blank('long');
  const timeType = r.take(2, 'time type');
  if (timeType === 1) report.timeElapsed = r.take(2, 'time elapsed') as 0 | 1 | 2 | 3;
  else if (timeType === 2) {
    const day = r.take(5, 'day'), hour = r.take(5, 'hour'), minute = r.take(6, 'minute'), second = r.take(6, 'second');
    if (day < 1 || hour > 23 || minute > 59 || second > 59)
      throw new Failure('corrupt_frame', `time of position day ${day} ${hour}:${minute}:${second} is not a real time`);
    report.timeOfPosition = { day, hour, minute, second };
  } else if (timeType === 3) throw new Failure('corrupt_frame', 'time type 3 is reserved');

  const shape = r.take(4, 'location shape');
  if (shape === 0) throw new Failure('unsupported_frame', 'the long report carries no position (location shape 0)');
  if (shape > 10) throw new Failure('corrupt_frame', `location shape ${shape} is reserved`);
  position(r, report);
  const tail = SHAPE_TAIL[shape];
  // Ellipses, arcs and altitude uncertainty: the position is all a dispatcher needs from them, and
  // without their exact lengths the fields after cannot be found, so reading stops here.
  if (tail === undefined) return report;
  if (shape === 10) report.errorMetres = POSITION_ERROR_M[r.take(3, 'position error')] ?? null;
  else if (shape === 2 || shape === 5) {
    report.errorMetres = Math.round(HORIZONTAL_UNCERTAINTY_M(r.take(6, 'horizontal position uncertainty')));
    if (shape === 5) r.take(12, 'altitude');
  } else if (shape === 4) r.take(12, 'altitude');

  const velocityType = r.take(3, 'velocity type');
  if (velocityType !== 0) report.speedKmh = velocityKmh(r.take(7, 'horizontal velocity'));
  if (velocityType === 2 || velocityType === 6) r.take(3, 'horizontal velocity uncertainty');
  if (velocityType === 5 || velocityType === 6) report.headingDeg = (r.take(8, 'direction of travel extended') * 360) / 256;
  if (velocityType === 6) r.take(3, 'direction of travel uncertainty');
  if (velocityType === 3 || velocityType === 4 || velocityType === 7) return report;
  r.take(1, 'acknowledgement request');
  additional(r, report);
  return report;
}

/** Decodes one LIP PDU written as hex. Never throws. */
export function decodeLip(hex: string): LipVerdict {
  try {
    const bytes = hexToBytes(hex);
    const r = new Bits(bytes, bytes.length * 8);
    const type = r.take(2, 'PDU type');
    let report: LipReport;
    if (type === 0) {
      report = decodeShort(r);
      // A short report fills 10 octets (76 bits + 4 padding); more than a few spare octets means
      // the gateway glued something else on, which we will not guess at.
      if (bytes.length > 12) throw new Failure('corrupt_frame', `a short location report is 10 octets, not ${bytes.length}`);
    } else if (type === 1) report = decodeLong(r);
    else throw new Failure('unsupported_frame', `LIP PDU type ${type} is reserved`);
    return { ok: true, report };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, reason: err.reason, detail: err.message };
    return { ok: false, reason: 'corrupt_frame', detail: String(err) };
  }
}

/**
 * The time a long report's "time of position" names: the most recent moment at or before `now`
 * (plus a little clock skew) with that day of month and UTC time.
 */
export function timeOfPositionMs(t: NonNullable<LipReport['timeOfPosition']>, now: number): number | null {
  const d = new Date(now);
  for (let back = 0; back < 3; back++) {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() - back;
    const candidate = Date.UTC(y, m, t.day, t.hour, t.minute, t.second);
    // Date.UTC rolls 31 February into March; such a day does not exist in that month.
    if (new Date(candidate).getUTCDate() !== t.day) continue;
    if (candidate <= now + 120_000) return candidate;
  }
  return null;
}
