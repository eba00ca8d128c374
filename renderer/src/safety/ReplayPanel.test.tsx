// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmId, unitId } from '../../../shared/domain/ids.js';
import { Notice } from '../status/Notice.js';
import { createConsoleStore } from '../store/store.js';
import { unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { ReplayPanel } from './ReplayPanel.js';
import { SafetyProvider } from './safetyState.js';

beforeEach(() => localStorage.clear());

const fix = (ts: number) => ({ ts, lat: 52.57, lon: -0.24 });

function panel(host = new FakeHost(), selected: string | null = 'pc7') {
  const store = createConsoleStore();
  store.setState({ units: { pc7: unit('pc7', { callsign: 'PC7', fix: fix(Date.now()) }) }, selectedUnitId: selected });
  return renderConsole(
    <SafetyProvider>
      <ReplayPanel />
      <Notice />
    </SafetyProvider>,
    { store, host },
  );
}

describe('<ReplayPanel>', () => {
  it("shows the selected unit's last half hour with B, and hides it with B again", async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('getTrack', (i) => ({ ok: true, value: { unitId: unitId(i.id), from: Number(i.from), to: Number(i.to), points: [fix(1), fix(2), fix(3)], thinned: false } }));
    panel(host);
    const before = Date.now();
    await user.keyboard('b');
    const [call] = host.callsTo('getTrack');
    expect(call!.id).toBe('pc7');
    expect(Number(call!.to) - Number(call!.from)).toBe(30 * 60_000 + 1000);
    expect(Number(call!.to)).toBeGreaterThanOrEqual(before);
    expect(screen.getByText('Track: PC7, 3 fixes')).toBeTruthy();
    await user.keyboard('b');
    expect(screen.queryByText(/^Track:/)).toBeNull();
    expect(screen.getByRole('button', { name: "Show PC7's last 30 min" })).toBeTruthy();
  });

  it('says when the unit has no fixes, and shows the host refusing a track', async () => {
    const user = userEvent.setup();
    let refuse = false;
    const host = new FakeHost().answer('getTrack', (i) =>
      refuse ? { ok: false, error: 'Journal unavailable: track not read' } : { ok: true, value: { unitId: unitId(i.id), from: 0, to: 1, points: [], thinned: false } },
    );
    panel(host);
    await user.click(screen.getByRole('button', { name: "Show PC7's last 30 min" }));
    expect(screen.getByRole('status').textContent).toContain('PC7 has no fixes in the last 30 minutes.');
    await user.click(screen.getByRole('button', { name: 'Hide track' }));
    refuse = true;
    await user.click(screen.getByRole('button', { name: "Show PC7's last 30 min" }));
    expect(screen.getByRole('alert').textContent).toContain('Journal unavailable: track not read');
    expect(screen.queryByText(/^Track:/)).toBeNull();
  });

  it('asks for a unit before showing a track', () => {
    panel(new FakeHost(), null);
    expect((screen.getByRole('button', { name: 'Select a unit to show its track' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('replays with R from ten minutes ago, follows the slider, and goes back to live', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('replayAt', (i) => ({ ok: true, value: { at: Number(i.at), positions: [], windowMs: 900_000 } }));
    panel(host);
    const before = Date.now();
    await user.keyboard('r');
    const first = Number(host.callsTo('replayAt')[0]!.at);
    expect(first).toBeGreaterThanOrEqual(before - 10 * 60_000);
    expect(first).toBeLessThanOrEqual(Date.now() - 10 * 60_000);
    const slider = screen.getByRole('slider', { name: 'Replay time' }) as HTMLInputElement;
    expect(screen.getByText(/· 0 units$/)).toBeTruthy();
    await act(async () => void fireEvent.change(slider, { target: { value: String(Number(slider.min)) } }));
    expect(host.callsTo('replayAt')[1]!.at).toBe(Number(slider.min));
    await user.click(screen.getByRole('button', { name: 'Back to live' }));
    expect(screen.queryByRole('slider')).toBeNull();
    expect(screen.getByRole('button', { name: 'Replay the last 2 hours' })).toBeTruthy();
  });

  it('raises an emergency for the selected officer only after a confirmation', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('raiseEmergency', () => ({ ok: false, error: 'PC7 already has an open alarm.' }));
    panel(host);
    await user.click(screen.getByRole('button', { name: 'Raise emergency for PC7…' }));
    expect(host.callsTo('raiseEmergency')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(host.callsTo('raiseEmergency')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Raise emergency for PC7…' }));
    await user.click(screen.getByRole('button', { name: 'Confirm: raise alarm for PC7' }));
    expect(host.callsTo('raiseEmergency')).toEqual([{ id: 'pc7' }]);
    expect(screen.getByRole('alert').textContent).toContain('PC7 already has an open alarm.');
  });

  it('offers no second alarm for an officer who already has one open', () => {
    const store = createConsoleStore();
    store.setState({
      units: { pc7: unit('pc7', { callsign: 'PC7' }) },
      selectedUnitId: 'pc7',
      alarms: { a: { id: alarmId('a'), unitId: unitId('pc7'), source: 'device', raisedAt: 0, raisedBy: 'pc7', acknowledgedAt: null, acknowledgedBy: null, stoodDownAt: null, stoodDownBy: null } },
    });
    renderConsole(
      <SafetyProvider>
        <ReplayPanel />
      </SafetyProvider>,
      { store },
    );
    expect(screen.getByText('PC7 has an open alarm.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Raise emergency/ })).toBeNull();
  });
});
