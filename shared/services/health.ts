import type { Health } from '../contract.js';
import type { GatewayHealth } from '../safety/gateway-health.js';
import { isOpen } from '../domain/lifecycle.js';
import type { ConsoleService } from './console-service.js';
import { hidePasswords, withoutPassword } from './secrets.js';
import type { TelemetryIngest } from './telemetry-ingest.js';

export type HealthSource = () => Health;

export interface BrokerStatus {
  url: string;
  embedded: boolean;
  connected: boolean;
  lastError: string | null;
  since: number;
  queuedOutgoing?: number;
}

export function createHealthSource(deps: {
  startedAt: number;
  service: ConsoleService;
  ingest: TelemetryIngest;
  broker: () => BrokerStatus;
  simulator: () => { running: boolean; units: number };
  gateways?: () => GatewayHealth;
}): HealthSource {
  return () => {
    const { service, ingest } = deps;
    const journalError = service.journalError;
    const broker = deps.broker();
    let openIncidents = 0;
    for (const i of service.state.incidents.values()) if (isOpen(i.state)) openIncidents++;
    return {
      status: journalError ? 'failed' : broker.connected ? 'ok' : 'degraded',
      startedAt: deps.startedAt,
      now: Date.now(),
      // Health goes to every console and onto the stream: the broker's password stays here.
      broker: { ...broker, url: withoutPassword(broker.url), lastError: broker.lastError && hidePasswords(broker.lastError) },
      journal: {
        path: service.journal.path,
        healthy: !journalError,
        error: journalError?.message ?? null,
        lastSeq: service.state.seq,
        schemaVersion: service.journal.schemaVersion,
        pendingTelemetry: service.pendingCount,
      },
      telemetry: {
        accepted: ingest.accepted,
        rejected: { ...ingest.rejected },
        rejectedTotal: ingest.rejectedTotal,
        lastRejected: ingest.lastRejected.slice(0, 10),
      },
      units: service.state.units.size,
      openIncidents,
      simulator: deps.simulator(),
      ...(deps.gateways && { gateways: deps.gateways() }),
    };
  };
}
