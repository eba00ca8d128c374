// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarms.js';
import { Notice } from '../status/Notice.js';
import { createConsoleStore } from '../store/store.js';
import { alarm as anAlarm, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { AlarmBanner } from './AlarmBanner.js';

/** Web Audio as a browser that allows sound (or holds it until a gesture, with `blocked`). */
class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  static blocked = false;
  state: AudioContextState = 'suspended';
  currentTime = 0;
  destination = {};
  onstatechange: (() => void) | null = null;
  oscillators = 0;
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  private set(s: AudioContextState) {
    this.state = s;
    this.onstatechange?.();
  }
  resume() {
    if (FakeAudioContext.blocked) return Promise.reject(new Error('NotAllowedError'));
    this.set('running');
    return Promise.resolve();
  }
  suspend() {
    this.set('suspended');
    return Promise.resolve();
  }
  close() {
    this.set('closed');
    return Promise.resolve();
  }
  createOscillator() {
    this.oscillators++;
    return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start() {}, stop() {} };
  }
  createGain() {
    const ramp = () => undefined;
    return { gain: { setValueAtTime: ramp, exponentialRampToValueAtTime: ramp }, connect: (n: unknown) => n };
  }
}

beforeEach(() => {
  FakeAudioContext.instances = [];
  FakeAudioContext.blocked = false;
  vi.stubGlobal('AudioContext', FakeAudioContext);
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const t0 = Date.now();
const alarm = (id: string, unit: string, over: Partial<Alarm> = {}): Alarm => anAlarm(id, unit, t0 - 30_000, over);
const units = Object.fromEntries(
  [
    unit('pc7', { callsign: 'PC7', fix: { ts: t0 - 12_000, lat: 52.5731, lon: -0.2423 } }),
    unit('cs3', { callsign: 'CS3', agency: 'pcso', fix: { ts: t0 - 5_000, lat: 52.5741, lon: -0.2431 } }),
  ].map((u) => [u.id, u]),
);

function banner(alarms: Alarm[], host = new FakeHost(), opts: { silent?: boolean } = {}) {
  host.answer('listCameras', () => ({ ok: true, value: [] }));
  const store = createConsoleStore();
  store.setState({ units, alarms: Object.fromEntries(alarms.map((a) => [a.id, a])) });
  return renderConsole(
    <>
      <AlarmBanner silent={opts.silent} />
      <Notice />
    </>,
    { store, host },
  );
}
const section = () => document.querySelector<HTMLElement>('.alarm-banner');
const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-alarm-id="${id}"]`)!;
/** The store as the stream would leave it after the host acknowledged. */
const acknowledgedInStore = (store: ReturnType<typeof createConsoleStore>, id: string, by = 'dispatcher') =>
  act(() => store.setState((s) => ({ alarms: { ...s.alarms, [id]: { ...s.alarms[id]!, acknowledgedAt: t0, acknowledgedBy: by } } })));

describe('<AlarmBanner>', () => {
  it("shows an officer's emergency with who, where and how fresh the fix is", () => {
    banner([alarm('al-1', 'pc7')]);
    const row = screen.getByRole('article', { name: 'Emergency PC7' });
    expect(within(row).getByText(/EMERGENCY · PC7/).textContent).toBe('EMERGENCY · PC7 Police constable');
    expect(row.textContent).toContain('emergency button at');
    expect(row.querySelector('[data-field="alarm-position"]')!.textContent).toMatch(/^Last known position 52\.57310, -0\.24230 · fix 1\d s old$/);
    expect(within(row).getByRole('button', { name: /Acknowledge/ })).toBeTruthy();
    // The nearest other officer is listed so help can be sent.
    expect(within(row.querySelector('.alarm-units') as HTMLElement).getByRole('button', { name: 'CS3' })).toBeTruthy();
  });

  it('opens a nearby camera in the CCTV view from the alarm', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    const { store } = banner([alarm('al-1', 'pc7')], host);
    host.answer('listCameras', () => ({
      ok: true,
      value: [{ id: 'cam-sq', name: 'Cathedral Square', lat: 52.5727, lon: -0.2421, ptz: true, bearing: 0, fov: 60, range: 250, state: 'idle', error: null }],
    }));
    // The banner fetched the list once already; a fresh banner sees the camera.
    const again = renderConsole(<AlarmBanner />, { store, host });
    const button = await within(again.container).findByRole('button', { name: 'Cathedral Square' });
    await user.click(button);
    expect(store.getState().cctvOpen).toBe(true);
    expect(store.getState().cctv.tiles).toContain('cam-sq');
  });

  it('shows nothing when no alarm is open, including stood-down ones', () => {
    banner([alarm('al-1', 'pc7', { acknowledgedAt: t0, acknowledgedBy: 'x', stoodDownAt: t0, stoodDownBy: 'x' })]);
    expect(section()).toBeNull();
  });

  it('takes the map to the officer when a new alarm arrives', () => {
    const { store } = banner([]);
    act(() => store.setState({ alarms: { 'al-1': alarm('al-1', 'pc7') } }));
    expect(store.getState().selectedUnitId).toBe('pc7');
    expect(store.getState().flyTo).toMatchObject({ lat: 52.5731, lon: -0.2423 });
  });

  it('says when the officer cancelled the emergency from their device, and keeps the alarm until a dispatcher stands it down', () => {
    const { store } = banner([alarm('al-1', 'pc7')]);
    const pc7 = store.getState().units.pc7!;
    act(() => store.setState({ units: { ...store.getState().units, pc7: { ...pc7, emergency: { active: false, ts: t0 + 30_000 } } } }));
    expect(rowOf('al-1').querySelector('[data-field="device-cancelled"]')!.textContent).toMatch(/^PC7 cancelled the emergency from the device at \d\d:\d\d:\d\d: confirm by radio/);
    expect(rowOf('al-1')).toBeTruthy();
  });

  it('leaves the map alone while the dispatcher is mid-task, unless the desk chose always', () => {
    const { store } = banner([]);
    act(() => store.getState().setMode('new-incident'));
    act(() => store.setState({ alarms: { 'al-1': alarm('al-1', 'pc7') } }));
    expect(store.getState()).toMatchObject({ selectedUnitId: null, flyTo: null });
    localStorage.setItem('beacon.alarms.moveMap', 'always');
    act(() => store.setState({ alarms: { 'al-1': alarm('al-1', 'pc7'), 'al-2': alarm('al-2', 'cs3') } }));
    expect(store.getState().selectedUnitId).toBe('cs3');
    localStorage.removeItem('beacon.alarms.moveMap');
  });

  it('cannot be dismissed: no close button, and Esc (anywhere) leaves it and sends nothing', async () => {
    const user = userEvent.setup();
    const { host } = banner([alarm('al-1', 'pc7')]);
    const names = within(section()!)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names.filter((n) => /close|dismiss|×|hide/i.test(n ?? ''))).toEqual([]);
    await user.click(within(section()!).getByRole('button', { name: /Acknowledge/ }).closest('article')!);
    await user.keyboard('{Escape}');
    fireEvent.keyDown(section()!, { key: 'Escape' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.getByRole('article', { name: 'Emergency PC7' })).toBeTruthy();
    expect(host.calls.filter((c) => c.name !== 'listCameras')).toEqual([]);
  });

  it('acknowledges with the button: the exact operation and input (who acted is the session\'s, not the console\'s to say)', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('acknowledgeAlarm', () => ({ ok: true, value: { ...alarm('al-1', 'pc7'), acknowledgedAt: t0, acknowledgedBy: 'Sgt Wells' } }));
    const { store } = banner([alarm('al-1', 'pc7')], host);
    await user.click(screen.getByRole('button', { name: /Acknowledge/ }));
    expect(host.callsTo('acknowledgeAlarm')).toEqual([{ id: 'al-1' }]);
    expect(host.callsTo('standDownAlarm')).toEqual([]);
    // The alarm stays until the stream says it is acknowledged; then it offers stand-down.
    expect(rowOf('al-1').className).toContain('unacknowledged');
    acknowledgedInStore(store, 'al-1', 'Sgt Wells');
    expect(rowOf('al-1').querySelector('[data-field="acknowledged"]')!.textContent).toMatch(/^Acknowledged by Sgt Wells at \d\d:\d\d:\d\d$/);
    expect(within(rowOf('al-1')).getByRole('button', { name: /Stand down/ })).toBeTruthy();
    expect(within(rowOf('al-1')).queryByRole('button', { name: /Acknowledge/ })).toBeNull();
  });

  it('acknowledges with F8 and stands down with Shift+F8, even from a text field', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('acknowledgeAlarm', () => ({ ok: true, value: alarm('al-1', 'pc7') })).answer('standDownAlarm', () => ({ ok: true, value: alarm('al-1', 'pc7') }));
    const { store } = banner([alarm('al-1', 'pc7')], host);
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    // Ctrl+F8 and Alt+F8 are not the alarm key.
    await user.keyboard('{Control>}{F8}{/Control}{Alt>}{F8}{/Alt}');
    expect(host.calls.filter((c) => c.name !== 'listCameras')).toEqual([]);
    await user.keyboard('{F8}');
    expect(host.callsTo('acknowledgeAlarm')).toEqual([{ id: 'al-1' }]);
    acknowledgedInStore(store, 'al-1');
    // Stand-down asks first; Esc withdraws the question, a second Shift+F8 confirms.
    await user.keyboard('{Shift>}{F8}{/Shift}');
    expect(host.callsTo('standDownAlarm')).toEqual([]);
    expect(rowOf('al-1').querySelector('[data-field="stand-down-confirm"]')!.textContent).toMatch(/Stand down PC7’s alarm\?/);
    await user.keyboard('{Escape}');
    expect(rowOf('al-1').querySelector('[data-field="stand-down-confirm"]')).toBeNull();
    await user.keyboard('{Shift>}{F8}{/Shift}{Shift>}{F8}{/Shift}');
    expect(host.callsTo('standDownAlarm')).toEqual([{ id: 'al-1' }]);
    expect(host.callsTo('acknowledgeAlarm')).toHaveLength(1);
    field.remove();
  });

  it('lists several alarms, unacknowledged first then oldest, and F8 takes the oldest waiting one', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('acknowledgeAlarm', () => ({ ok: true, value: alarm('x', 'pc7') }));
    banner(
      [
        alarm('al-new', 'cs3', { raisedAt: t0 - 5_000, source: 'radio' }),
        alarm('al-acked', 'pc7', { raisedAt: t0 - 90_000, acknowledgedAt: t0 - 60_000, acknowledgedBy: 'Sgt Wells' }),
        alarm('al-old', 'pc7', { raisedAt: t0 - 20_000, source: 'dispatcher', raisedBy: 'J. Ahmed' }),
      ],
      host,
    );
    expect(section()!.dataset.alarmCount).toBe('3');
    const order = [...document.querySelectorAll<HTMLElement>('[data-alarm-id]')].map((a) => a.dataset.alarmId);
    expect(order).toEqual(['al-old', 'al-new', 'al-acked']);
    // Several at once: the acknowledged one shrinks to a line, the waiting ones keep their detail.
    expect(rowOf('al-acked').className).toContain('compact');
    expect(rowOf('al-old').className).not.toContain('compact');
    expect(rowOf('al-old').textContent).toContain('raised by dispatcher at');
    expect(rowOf('al-old').textContent).toContain('by J. Ahmed');
    expect(rowOf('al-new').textContent).toContain('radio emergency at');
    await user.keyboard('{F8}');
    expect(host.callsTo('acknowledgeAlarm')).toEqual([{ id: 'al-old' }]);
    await user.click(within(rowOf('al-new')).getByRole('button', { name: /Acknowledge/ }));
    expect(host.callsTo('acknowledgeAlarm')[1]).toEqual({ id: 'al-new' });
  });

  it('Alt+F8 lists the open alarms to choose from: ↑ ↓ and Enter acknowledge the one chosen, not the oldest', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('acknowledgeAlarm', () => ({ ok: true, value: alarm('x', 'pc7') })).answer('standDownAlarm', () => ({ ok: true, value: alarm('x', 'pc7') }));
    const { store } = banner(
      [
        alarm('al-old', 'pc7', { raisedAt: t0 - 20_000 }),
        alarm('al-new', 'cs3', { raisedAt: t0 - 5_000, source: 'radio' }),
        alarm('al-acked', 'pc7', { raisedAt: t0 - 90_000, acknowledgedAt: t0 - 60_000, acknowledgedBy: 'Sgt Wells' }),
      ],
      host,
    );
    await user.keyboard('{Alt>}{F8}{/Alt}');
    const list = screen.getByRole('listbox', { name: /Choose an alarm/ });
    expect(document.activeElement).toBe(list);
    const options = () => within(list).getAllByRole('option');
    expect(options().map((o) => o.textContent)).toEqual([
      expect.stringMatching(/^PC7 · emergency button · \d+ s ago · waiting$/),
      expect.stringMatching(/^CS3 · radio emergency · \d+ s ago · waiting$/),
      expect.stringMatching(/^PC7 · emergency button · 1 min \d+ s ago · acknowledged by Sgt Wells$/),
    ]);
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe('alarm-pick-al-new');
    await user.keyboard('{Enter}');
    expect(host.callsTo('acknowledgeAlarm')).toEqual([{ id: 'al-new' }]);
    expect(screen.queryByRole('listbox')).toBeNull();
    acknowledgedInStore(store, 'al-new');

    // Standing down from the list asks first, as Shift+F8 does: Enter, then Enter again.
    // Now: PC7 waiting, then the acknowledged ones oldest first (al-acked, al-new); ↑ wraps to the last.
    await user.keyboard('{Alt>}{F8}{/Alt}{ArrowUp}{ArrowUp}');
    expect(screen.getByRole('listbox').getAttribute('aria-activedescendant')).toBe('alarm-pick-al-acked');
    await user.keyboard('{Enter}');
    expect(host.callsTo('standDownAlarm')).toEqual([]);
    expect(rowOf('al-acked').querySelector('[data-field="stand-down-confirm"]')).not.toBeNull();
    await user.keyboard('{Enter}');
    expect(host.callsTo('standDownAlarm')).toEqual([{ id: 'al-acked' }]);
    expect(screen.queryByRole('listbox')).toBeNull();

    // Esc closes the list and sends nothing; the alarms stay.
    await user.keyboard('{Alt>}{F8}{/Alt}{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(section()!.dataset.alarmCount).toBe('3');
    expect(host.callsTo('acknowledgeAlarm')).toHaveLength(1);
  });

  it('stays, with a readable reason, when the host refuses the acknowledgement', async () => {
    const user = userEvent.setup();
    const host = new FakeHost().answer('acknowledgeAlarm', () => ({ ok: false, error: 'Journal unavailable: the acknowledgement was not recorded. Try again.', code: 'unavailable' }));
    const { store } = banner([alarm('al-1', 'pc7')], host);
    await user.click(screen.getByRole('button', { name: /Acknowledge/ }));
    expect(screen.getByText('Journal unavailable: the acknowledgement was not recorded. Try again.')).toBeTruthy();
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
    const row = screen.getByRole('article', { name: 'Emergency PC7' });
    expect(row.className).toContain('unacknowledged');
    const ack = within(row).getByRole('button', { name: /Acknowledge/ }) as HTMLButtonElement;
    expect(ack.disabled).toBe(false);
    // Still sounding, and the dispatcher can try again at once.
    expect(section()!.dataset.tone).toBe('playing');
    await user.click(ack);
    expect(host.callsTo('acknowledgeAlarm')).toHaveLength(2);
  });

  it('disables the button while the host is answering, so one press sends one acknowledgement', async () => {
    const user = userEvent.setup();
    let answer!: () => void;
    const host = new FakeHost().answer('acknowledgeAlarm', () => new Promise((r) => (answer = () => r({ ok: true, value: alarm('al-1', 'pc7') }))));
    banner([alarm('al-1', 'pc7')], host);
    const ack = screen.getByRole('button', { name: /Acknowledge/ }) as HTMLButtonElement;
    await user.click(ack);
    expect(ack.disabled).toBe(true);
    await user.click(ack);
    expect(host.callsTo('acknowledgeAlarm')).toHaveLength(1);
    await act(async () => answer());
    expect(ack.disabled).toBe(false);
  });

  it('in a torn-off alarms window (silent) shows the alarms but neither sounds nor moves the map: the main window does that once', async () => {
    const { store } = banner([], new FakeHost(), { silent: true });
    act(() => store.setState({ alarms: { 'al-1': alarm('al-1', 'pc7') } }));
    await act(async () => {});
    expect(rowOf('al-1')).not.toBeNull();
    expect(section()!.dataset.tone).toBe('off');
    expect(FakeAudioContext.instances.every((c) => c.oscillators === 0)).toBe(true);
    expect(store.getState().selectedUnitId).toBeNull();
  });

  it('sounds the tone while any alarm is unacknowledged and silences it once all are', async () => {
    const { store } = banner([alarm('al-1', 'pc7'), alarm('al-2', 'cs3', { raisedAt: t0 - 10_000 })]);
    await act(async () => {});
    const ctx = FakeAudioContext.instances[0]!;
    expect(section()!.dataset.tone).toBe('playing');
    expect(ctx.state).toBe('running');
    expect(ctx.oscillators).toBeGreaterThan(0);
    acknowledgedInStore(store, 'al-1');
    expect(section()!.dataset.tone).toBe('playing');
    acknowledgedInStore(store, 'al-2');
    await act(async () => {});
    expect(section()!.dataset.tone).toBe('off');
    expect(ctx.state).toBe('suspended');
    // A fresh alarm starts it again.
    act(() => store.setState((s) => ({ alarms: { ...s.alarms, 'al-3': alarm('al-3', 'pc7', { raisedAt: t0 }) } })));
    await act(async () => {});
    expect(section()!.dataset.tone).toBe('playing');
  });

  it('tells the dispatcher to press a key when the browser holds the sound back', async () => {
    FakeAudioContext.blocked = true;
    const user = userEvent.setup();
    banner([alarm('al-1', 'pc7')]);
    await act(async () => {});
    expect(section()!.dataset.tone).toBe('blocked');
    expect(screen.getByText(/Sound is held by the browser/)).toBeTruthy();
    FakeAudioContext.blocked = false;
    await user.keyboard('x');
    expect(section()!.dataset.tone).toBe('playing');
    expect(screen.queryByText(/Sound is held by the browser/)).toBeNull();
  });

  it('stops the tone when the console closes', async () => {
    const { unmount } = banner([alarm('al-1', 'pc7')]);
    await act(async () => {});
    const ctx = FakeAudioContext.instances[0]!;
    unmount();
    await act(async () => {});
    expect(ctx.state).toBe('closed');
  });
});
