import { decodeOwnTracks, ownTracksIndex } from '../../../adapters/owntracks/owntracks.js';
import { decodeRadioMessage, issiIndex, radioTopicFilter } from '../../../adapters/tetra-lip/radio-gateway.js';
import type { UnitId } from '../../../shared/domain/ids.js';
import type { TelemetryMessage } from '../../../shared/ports.js';
import type { GatewayHealth } from '../../../shared/safety/gateway-health.js';
import type { ConsoleService } from '../../../shared/services/console-service.js';
import type { TelemetryIngest } from '../../../shared/services/telemetry-ingest.js';
import { OWNTRACKS_PREFIX, type TopicRoute } from '../../../shared/wire/topics.js';

/** MQTT subscriptions the gateways need on top of Beacon's own `{prefix}/units/+/+`. */
export const gatewayTopics = (prefix: string, ownTracksPrefix = OWNTRACKS_PREFIX) => [radioTopicFilter(prefix), `${ownTracksPrefix}/+/+`];

/**
 * Sends each MQTT message to the gateway that speaks its dialect: OwnTracks JSON, TETRA LIP from a
 * radio gateway, or Beacon's own telemetry. Every gateway's output goes through the same edge
 * (TelemetryIngest.admit), so counting, ordering and journaling are the same whatever the source.
 */
export class GatewayRouter {
  readonly stats: GatewayHealth = { ownTracks: { locations: 0, lastWills: 0, ignored: 0, offline: [] }, radio: { locations: 0, emergencies: 0 } };
  private indexedAt = -1;
  private phones = new Map<string, UnitId>();
  private radios = new Map<number, UnitId>();
  private readonly offline = new Map<UnitId, number>();

  constructor(
    private readonly service: ConsoleService,
    private readonly ingest: TelemetryIngest,
    private readonly opts: { prefix: string; ownTracksPrefix?: string },
  ) {}

  get ownTracksPrefix(): string {
    return this.opts.ownTracksPrefix ?? OWNTRACKS_PREFIX;
  }

  topics(): string[] {
    return gatewayTopics(this.opts.prefix, this.ownTracksPrefix);
  }

  /** `route`: the message's topic, read once where it arrived (`routeTopic`). */
  handle = (m: TelemetryMessage, route: TopicRoute | null): void => {
    if (route?.to === 'owntracks') return this.ownTracks(m, route.device);
    if (route?.to === 'radio') return this.radio(m, route.issi);
    this.ingest.handle(m, route);
  };

  // The roster changes rarely (a unit added); rebuild the device maps only when it has.
  private reindex() {
    const size = this.service.state.units.size;
    if (size === this.indexedAt) return;
    const units = [...this.service.state.units.values()];
    this.phones = ownTracksIndex(units);
    this.radios = issiIndex(units);
    this.indexedAt = size;
  }

  private ownTracks(m: TelemetryMessage, device: string) {
    this.reindex();
    const v = decodeOwnTracks(device, m.payload, this.phones, this.service.now());
    if (!v.ok) return this.ingest.reject(v.reason, v.detail, m.topic);
    if (v.kind === 'ignored') {
      this.stats.ownTracks.ignored++;
      return;
    }
    if (v.kind === 'lwt') {
      // The broker saying the phone has gone: its last fix ages on the map; nothing to journal.
      this.stats.ownTracks.lastWills++;
      this.offline.set(v.unitId, this.service.now());
      this.publishOffline();
      return;
    }
    if (this.ingest.admit(v.event, 'location', v.unitId, m.topic)) {
      this.stats.ownTracks.locations++;
      if (this.offline.delete(v.unitId)) this.publishOffline();
    }
  }

  private publishOffline() {
    this.stats.ownTracks.offline = [...this.offline].map(([unitId, since]) => ({ unitId, since }));
  }

  private radio(m: TelemetryMessage, issi: number) {
    this.reindex();
    const v = decodeRadioMessage(issi, m.payload, this.radios, this.service.now());
    if (!v.ok) return this.ingest.reject(v.reason, v.detail, m.topic);
    for (const e of v.events) {
      const kind = e.type === 'unit.emergency' ? 'emergency' : 'location';
      if (!this.ingest.admit(e, kind, v.unitId, m.topic)) continue;
      if (kind === 'location') this.stats.radio.locations++;
      else this.stats.radio.emergencies++;
    }
  }
}
