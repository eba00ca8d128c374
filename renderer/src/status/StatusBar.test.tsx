// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Health } from '../../../shared/contract.js';
import type { LinkState } from '../host/client.js';
import { createConsoleStore } from '../store/store.js';
import { health } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { StatusBar } from './StatusBar.js';

const at = new Date(2024, 5, 1, 10, 15, 30).getTime();

function bar(link: LinkState, h: Health | null, over: { clockSkewMs?: number } = {}) {
  const store = createConsoleStore();
  store.setState({ link, health: h, ...over });
  return renderConsole(<StatusBar />, { store });
}
const pill = (name: string) => document.querySelector<HTMLElement>(`[data-status="${name}"]`)!;
const looks = (name: string) => pill(name).className.replace('pill', '').trim();

afterEach(() => {
  vi.useRealTimers();
});

describe('<StatusBar>', () => {
  it('says everything is live when the link, broker and journal are up', () => {
    bar('open', health(at));
    expect(pill('link').textContent).toBe('Console link: live');
    expect(pill('broker').textContent).toBe('Broker: connected');
    expect(pill('journal').textContent).toBe('Journal: healthy');
    expect(pill('rejected').textContent).toBe('Rejected telemetry: 0');
    expect([looks('link'), looks('broker'), looks('journal'), looks('rejected')]).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('shows the broker down in red while the console link stays live', () => {
    bar('open', health(at, { broker: { url: 'mqtt://x', connected: false, embedded: false, lastError: 'ECONNREFUSED', since: 0 } }));
    expect(pill('link').textContent).toBe('Console link: live');
    expect(pill('broker').textContent).toBe('Broker: disconnected');
    expect(looks('broker')).toBe('bad');
  });

  it('shows a failed journal in red with the reason on hover', () => {
    bar('open', health(at, { journal: { path: '/tmp/j', healthy: false, error: 'SQLITE_FULL: disk full', lastSeq: 9, schemaVersion: 1, pendingTelemetry: 4 } }));
    expect(pill('journal').textContent).toBe('Journal: FAILED');
    expect(looks('journal')).toBe('bad');
    expect(pill('journal').title).toBe('SQLITE_FULL: disk full');
  });

  it('when the console link is lost, says so and stops vouching for the broker and the journal', () => {
    bar('closed', health(at));
    expect(pill('link').textContent).toBe('Console link: lost — retrying');
    expect(looks('link')).toBe('bad');
    // The last health message said "connected", but it is stale now.
    expect(pill('broker').textContent).toBe('Broker: unknown');
    expect(looks('broker')).toBe('unknown');
    expect(pill('journal').textContent).toBe('Journal: unknown');
    expect(looks('journal')).toBe('unknown');
  });

  it('shows the link state before the first health message arrives', () => {
    bar('connecting', null);
    expect(pill('link').textContent).toBe('Console link: connecting…');
    expect(looks('link')).toBe('bad');
    expect(pill('broker').textContent).toBe('Broker: unknown');
    expect(pill('journal').textContent).toBe('Journal: unknown');
    expect(pill('rejected').textContent).toBe('Rejected telemetry: 0');
  });

  it('follows the link as it drops and comes back', () => {
    const { store } = bar('open', health(at));
    act(() => store.getState().setLink('closed'));
    expect(pill('link').textContent).toBe('Console link: lost — retrying');
    act(() => store.getState().setLink('open'));
    expect(pill('link').textContent).toBe('Console link: live');
  });

  it('warns when telemetry is being rejected', () => {
    bar('open', health(at, { telemetry: { accepted: 10, rejected: { bad_json: 3 } as Health['telemetry']['rejected'], rejectedTotal: 3, lastRejected: [] } }));
    expect(pill('rejected').textContent).toBe('Rejected telemetry: 3');
    expect(looks('rejected')).toBe('warn');
  });

  it("shows the host's clock, ticking every second", () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(at);
    bar('open', health(at), { clockSkewMs: 3_600_000 });
    // The host is an hour ahead of this desk: the console shows the host's time.
    expect(pill('clock').textContent).toBe('11:15:30');
    act(() => vi.advanceTimersByTime(2_000));
    expect(pill('clock').textContent).toBe('11:15:32');
  });

  it('opens the health view from the rejected counter and with H, and closes it with H or Esc', async () => {
    const user = userEvent.setup();
    bar('open', health(at));
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
    await user.click(pill('rejected'));
    expect(screen.getByRole('dialog', { name: 'Console health' })).toBeTruthy();
    await user.keyboard('h');
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
    await user.keyboard('H');
    expect(screen.getByRole('dialog', { name: 'Console health' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
  });

  it('ignores H typed into a field or already handled', async () => {
    const user = userEvent.setup();
    bar('open', health(at));
    const field = document.body.appendChild(document.createElement('input'));
    await user.type(field, 'h');
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
    const handled = new KeyboardEvent('keydown', { key: 'h', bubbles: true, cancelable: true });
    handled.preventDefault();
    act(() => void window.dispatchEvent(handled));
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
    fireEvent.keyDown(window, { key: 'h', ctrlKey: true });
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
    field.remove();
  });

  it('closes the health view with its Close button', async () => {
    const user = userEvent.setup();
    bar('open', health(at));
    await user.keyboard('h');
    await user.click(screen.getByRole('button', { name: 'Close health view (H)' }));
    expect(screen.queryByRole('dialog', { name: 'Console health' })).toBeNull();
  });
});
