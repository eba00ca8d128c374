import type { Health } from '../../../shared/contract.js';
import type { Allocation } from '../../../shared/domain/incidents.js';
import { formatClock } from '../safety/alarmModel.js';
import { useConsole } from '../store/store.js';

/** Whether the host's broker link is down now (null when the console cannot tell: its own link is down). */
const brokerDown = (health: Health | null, live: boolean): boolean => live && health !== null && !health.broker.connected;

/**
 * Where an assignment to a device stands. One made while the broker was down waits in the host's
 * outbox: "queued, not yet sent" until the link is back, when the outbox delivers it.
 */
export function deliveryState(a: Allocation, health: Health | null): 'queued' | 'sent' | 'acknowledged' {
  if (a.ackedAt !== null) return 'acknowledged';
  if (health && !health.broker.connected && a.at >= health.broker.since) return 'queued';
  return 'sent';
}

/**
 * Losing the broker is not a small pill: officers' positions and emergency buttons stop arriving.
 * Said across the screen, with what still works and what waits.
 */
export function BrokerLossBanner() {
  const live = useConsole((s) => s.link === 'open');
  const health = useConsole((s) => s.health);
  if (!brokerDown(health, live) || !health) return null;
  const queued = health.broker.queuedOutgoing ?? 0;
  return (
    <section className="broker-loss" role="alert" data-testid="broker-loss">
      <strong>No contact with officers’ devices since {formatClock(health.broker.since)}:</strong> positions and emergency buttons are NOT arriving —
      check on officers by radio. Allocations are kept and queued; they are sent when the link returns
      {queued > 0 ? ` (${queued} waiting)` : ''}.{health.broker.lastError && <span className="hint"> Broker: {health.broker.lastError}</span>}
    </section>
  );
}
