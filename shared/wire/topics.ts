import type { UnitId } from '../domain/ids.js';
import { TELEMETRY_KINDS, type TelemetryKind } from '../telemetry.js';

/** Where OwnTracks phones publish unless the console is told otherwise. */
export const OWNTRACKS_PREFIX = 'owntracks';
/** A TETRA ISSI is 24 bits. */
const MAX_ISSI = 2 ** 24 - 1;
const UNIT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const ISSI = /^\d{1,8}$/;

/**
 * What an MQTT topic is, read once where the message arrives; each part of the console is handed
 * the parsed route and never reads the topic again.
 *
 * - `{prefix}/units/{unitId}/{location|status|emergency|bwv}`: telemetry
 * - `{prefix}/units/{unitId}/assignment` and `…/assignment/ack`: assignments to devices (the host
 *   hears its own) and the devices' acknowledgements
 * - `{prefix}/intake`: partners' reports
 * - `{prefix}/radio/{issi}/lip`: a TETRA radio gateway's location reports
 * - `{ownTracksPrefix}/{user}/{device}`: OwnTracks phones (deeper topics are not locations)
 */
export type TopicRoute =
  | { to: 'telemetry'; unitId: UnitId; kind: TelemetryKind }
  | { to: 'assignment' | 'ack'; unitId: UnitId }
  | { to: 'intake' }
  | { to: 'radio'; issi: number }
  | { to: 'owntracks'; device: string };

export function routeTopic(topic: string, prefix: string, ownTracksPrefix: string = OWNTRACKS_PREFIX): TopicRoute | null {
  if (topic.startsWith(prefix + '/')) {
    const rest = topic.slice(prefix.length + 1).split('/');
    if (rest[0] === 'units') {
      const id = rest[1]!;
      if (rest.length < 3 || !UNIT_ID.test(id)) return null;
      const unitId = id as UnitId;
      if (rest.length === 3 && (TELEMETRY_KINDS as readonly string[]).includes(rest[2]!)) return { to: 'telemetry', unitId, kind: rest[2] as TelemetryKind };
      if (rest[2] !== 'assignment') return null;
      if (rest.length === 3) return { to: 'assignment', unitId };
      return rest.length === 4 && rest[3] === 'ack' ? { to: 'ack', unitId } : null;
    }
    if (rest.length === 1 && rest[0] === 'intake') return { to: 'intake' };
    if (rest.length === 3 && rest[0] === 'radio' && rest[2] === 'lip' && ISSI.test(rest[1]!)) {
      const issi = Number(rest[1]);
      return issi <= MAX_ISSI ? { to: 'radio', issi } : null;
    }
    return null;
  }
  const parts = topic.split('/');
  if (parts.length === 3 && parts[0] === ownTracksPrefix && parts[1] && parts[2]) return { to: 'owntracks', device: `${parts[1]}/${parts[2]}` };
  return null;
}
