import { REJECT_REASONS, type RejectReason } from '../../../shared/telemetry.js';
import { isSoftwareRenderer, type MapRendering } from '../map/renderCost.js';
import { useConsole } from '../store/store.js';

const REASON_TEXT: Record<RejectReason, string> = {
  bad_topic: 'Unknown topic',
  too_large: 'Payload too large',
  bad_json: 'Not JSON',
  invalid_payload: 'Missing or mistyped field',
  out_of_range: 'Value out of range',
  bad_timestamp: 'Bad or ancient timestamp',
  future_timestamp: 'Timestamp in the future',
  unknown_unit: 'Unit not on the roster',
  out_of_order: 'Older than the last report',
  journal_unavailable: 'Journal unavailable',
  rate_limited: 'Over its rate (flood)',
  truncated_frame: 'Radio frame truncated',
  corrupt_frame: 'Radio frame corrupt',
  unsupported_frame: 'Radio frame not supported',
  bad_ack: 'Unreadable assignment acknowledgement',
};

/** Says why a map may look soft: a desk without a GPU draws it at reduced resolution to keep it moving. */
function mapRenderingText(m: MapRendering): string {
  const how = isSoftwareRenderer(m.renderer) ? 'software rendering, no GPU' : 'GPU';
  const detail = m.detail === 'reduced' ? '¾ resolution to keep panning smooth (?mapDetail=full for full)' : 'full resolution';
  return `${how} · ${detail} · ${m.renderer}`;
}

const time = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

/**
 * The health view behind the status bar: why telemetry is being dropped, whether the journal is
 * safe and where, and the broker the console listens to. Opened with H or by clicking the counter.
 */
export function HealthPanel({ onClose }: { onClose: () => void }) {
  const health = useConsole((s) => s.health);
  const map = useConsole((s) => s.mapRendering);
  if (!health) return null;
  const t = health.telemetry;
  const reasons = REJECT_REASONS.filter((r) => (t.rejected[r] ?? 0) > 0);
  return (
    <section className="health-panel" role="dialog" aria-label="Console health" data-testid="health-panel">
      <header>
        <h2>Console health</h2>
        <button type="button" onClick={onClose} aria-label="Close health view (H)">
          Close <kbd>H</kbd>
        </button>
      </header>
      <dl>
        <dt>Broker</dt>
        <dd>
          {health.broker.connected ? 'connected' : 'DISCONNECTED'} · {health.broker.url}
          {health.broker.embedded ? ' (embedded)' : ''}
          {health.broker.lastError ? ` · ${health.broker.lastError}` : ''}
        </dd>
        <dt>Journal</dt>
        <dd>
          {health.journal.healthy ? 'healthy' : `FAILED: ${health.journal.error ?? ''}`} · {health.journal.path} · event {health.journal.lastSeq.toLocaleString('en-GB')} · schema v
          {health.journal.schemaVersion} · {health.journal.pendingTelemetry} waiting to commit
        </dd>
        <dt>Telemetry</dt>
        <dd>
          {t.accepted.toLocaleString('en-GB')} accepted · {t.rejectedTotal.toLocaleString('en-GB')} rejected
        </dd>
        <dt>Map</dt>
        <dd data-testid="map-rendering">{map ? mapRenderingText(map) : 'starting'}</dd>
      </dl>
      {reasons.length === 0 ? (
        <p className="muted">No telemetry has been rejected.</p>
      ) : (
        <table className="health-reasons">
          <thead>
            <tr>
              <th>Rejected because</th>
              <th>Count</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r} data-reason={r}>
                <td>{REASON_TEXT[r] ?? r}</td>
                <td>{t.rejected[r].toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {t.lastRejected.length > 0 && (
        <>
          <h3>Most recent</h3>
          <ul className="health-samples">
            {t.lastRejected.map((x, i) => (
              <li key={i}>
                <time>{time(x.at)}</time> <code>{x.topic}</code> — {x.detail}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
