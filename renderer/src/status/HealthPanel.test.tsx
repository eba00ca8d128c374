// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Health } from '../../../shared/contract.js';
import { createConsoleStore } from '../store/store.js';
import { health } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { HealthPanel } from './HealthPanel.js';

const rejecting = (rejected: Partial<Health['telemetry']['rejected']>, lastRejected: Health['telemetry']['lastRejected'] = []): Health =>
  health(1_000_000, {
    telemetry: {
      accepted: 48_213,
      rejected: rejected as Health['telemetry']['rejected'],
      rejectedTotal: Object.values(rejected).reduce((a, b) => a + (b ?? 0), 0),
      lastRejected,
    },
  });

function panel(h: Health | null, onClose = vi.fn()) {
  const store = createConsoleStore();
  store.setState({ health: h });
  return { ...renderConsole(<HealthPanel onClose={onClose} />, { store }), onClose };
}
const reasonRows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [r.getAttribute('data-reason'), ...within(r).getAllByRole('cell').map((c) => c.textContent)]);

describe('<HealthPanel>', () => {
  it('lists rejected telemetry by reason, in words, with counts, leaving out reasons never seen', () => {
    panel(rejecting({ out_of_order: 1200, bad_json: 3, unknown_unit: 0 }));
    expect(reasonRows()).toEqual([
      ['bad_json', 'Not JSON', '3'],
      ['out_of_order', 'Older than the last report', '1,200'],
    ]);
    expect(screen.getByText('48,213 accepted · 1,203 rejected')).toBeTruthy();
  });

  it('says so when nothing has been rejected', () => {
    panel(rejecting({}));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No telemetry has been rejected.')).toBeTruthy();
  });

  it('shows the most recent rejected messages with their topic and why', () => {
    panel(rejecting({ unknown_unit: 1 }, [{ reason: 'unknown_unit', detail: 'pc999 is not on the roster', topic: 'beacon/v1/units/pc999/location', at: new Date(2024, 0, 1, 9, 5, 7).getTime() }]));
    const item = screen.getByRole('heading', { name: 'Most recent' }).nextElementSibling!;
    expect(item.textContent).toBe('09:05:07 beacon/v1/units/pc999/location — pc999 is not on the roster');
  });

  it('shows the broker and journal, and why the journal failed', () => {
    panel(
      health(1, {
        broker: { url: 'mqtt://10.0.0.5:1883', connected: false, embedded: false, lastError: 'ECONNREFUSED', since: 0 },
        journal: { path: '/data/journal.sqlite', healthy: false, error: 'SQLITE_FULL', lastSeq: 12_345, schemaVersion: 3, pendingTelemetry: 7 },
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Console health' });
    expect(dialog.textContent).toContain('DISCONNECTED · mqtt://10.0.0.5:1883 · ECONNREFUSED');
    expect(dialog.textContent).toContain('FAILED: SQLITE_FULL · /data/journal.sqlite · event 12,345 · schema v3 · 7 waiting to commit');
  });

  it('says how the map is drawn, from "starting" to what the map reported', () => {
    const { store } = panel(rejecting({}));
    const line = screen.getByTestId('map-rendering');
    expect(line.textContent).toBe('starting');
    act(() => store.getState().setMapRendering({ renderer: 'SwiftShader', detail: 'reduced' }));
    expect(line.textContent).toBe('software rendering, no GPU · ¾ resolution to keep panning smooth (?mapDetail=full for full) · SwiftShader');
    act(() => store.getState().setMapRendering({ renderer: 'ANGLE (NVIDIA)', detail: 'full' }));
    expect(line.textContent).toBe('GPU · full resolution · ANGLE (NVIDIA)');
  });

  it('shows nothing until the first health message arrives', () => {
    const { container } = panel(null);
    expect(container.textContent).toBe('');
  });

  it('closes with its Close button', async () => {
    const user = userEvent.setup();
    const { onClose } = panel(rejecting({}));
    await user.click(screen.getByRole('button', { name: 'Close health view (H)' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
