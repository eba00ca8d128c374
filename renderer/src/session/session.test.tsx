// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignedIn } from '../../../shared/auth/schemas.js';
import { fail, ok } from '../../../shared/result.js';
import { createConsoleStore } from '../store/store.js';
import { incident, sessionInfo } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { OperatorBadge } from './OperatorBadge.js';
import { SESSION_ENDED } from './sessionControl.js';
import { SessionGate } from './SessionGate.js';
import { SessionOverlays, useConsoleCovered } from './SessionScreens.js';
import { installDeskGuard, useSessionKeys } from './sessionKeys.js';
import { useSessionControl } from './SessionContext.js';
import { IDLE_CHECK_MS, useIdleLock } from './useIdleLock.js';
import { useConsoleStore } from '../store/store.js';

const signedIn = (operator: string, roles = sessionInfo(operator).roles): SignedIn => ({ ...sessionInfo(operator, roles), token: 'secret' });
const WRONG = 'Sign-in refused: that username and password do not match an operator. (1 refused in a row for this name; each further try waits longer.)';

/** A host whose only operators are `supervisor` (password `correct horse`) and `amy` (`battery staple`). */
function hostWithOperators(initial: 'none' | 'supervisor' = 'none') {
  let current: string | null = initial === 'none' ? null : 'supervisor';
  let locked = false;
  const passwords: Record<string, string> = { supervisor: 'correct horse', amy: 'battery staple' };
  const host = new FakeHost()
    .answer('getSession', () => (current ? ok(sessionInfo(current, undefined, { locked })) : fail('Not signed in.', 'unauthenticated')))
    .answer('signIn', ({ username, password }) => {
      if (passwords[username] !== password) return fail(WRONG, 'unauthenticated');
      current = username;
      locked = false;
      return ok(signedIn(username));
    })
    .answer('lockSession', () => {
      locked = true;
      return ok(sessionInfo(current!, undefined, { locked }));
    })
    .answer('unlockSession', ({ password }) => {
      if (passwords[current!] !== password) return fail(`That is not ${current}'s password: only the operator who locked this desk can unlock it.`, 'unauthenticated');
      locked = false;
      return ok(sessionInfo(current!));
    });
  return { host, endSession: () => (current = null) };
}

/** The console as main.tsx wires it, with a stand-in for everything the console shows. */
function Desk() {
  const store = useConsoleStore();
  const control = useSessionControl();
  const covered = useConsoleCovered(null);
  useSessionKeys(store, control);
  return (
    <div className="console">
      <div className="console-content" inert={covered} data-testid="console">
        <p>Incident details</p>
        <OperatorBadge />
      </div>
      <SessionOverlays panel={null} />
    </div>
  );
}

function desk(host: FakeHost, store = createConsoleStore()) {
  const r = renderConsole(
    <SessionGate>
      <Desk />
    </SessionGate>,
    { host, store },
  );
  r.session.watchLink();
  void r.session.refresh();
  return r;
}

afterEach(() => vi.useRealTimers());

describe('signing in', () => {
  it('shows only the sign-in form until the host knows who is at the desk, with the username ready to type', async () => {
    const { host } = hostWithOperators();
    desk(host);
    await screen.findByRole('dialog', { name: 'Beacon · sign in' });
    expect(screen.queryByText('Incident details')).toBeNull();
    expect(document.activeElement?.id).toBe('sign-in-username');
  });

  it('says what is missing, then why a wrong password is refused, then lets the right one in (keyboard only)', async () => {
    const { host } = hostWithOperators();
    const { store } = desk(host);
    const user = userEvent.setup();
    await screen.findByRole('dialog', { name: 'Beacon · sign in' });
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('Give your username.');
    await user.keyboard('supervisor{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('Give your password.');
    await user.keyboard('{Tab}wrong password{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(WRONG));
    // The wrong password is cleared and the keyboard is back on it for another try.
    expect(document.activeElement?.id).toBe('sign-in-password');
    expect((document.activeElement as HTMLInputElement).value).toBe('');
    await user.keyboard('correct horse{Enter}');
    await screen.findByText('Incident details');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().session?.operator).toBe('supervisor');
    expect(host.callsTo('signIn')).toEqual([
      { username: 'supervisor', password: 'wrong password' },
      { username: 'supervisor', password: 'correct horse' },
    ]);
    // The stream, refused until now, is opened again at once on the new session.
    expect(host.reconnects).toBe(1);
  });

  it('shows the operator and their roles in the status bar', async () => {
    const { host } = hostWithOperators('supervisor');
    desk(host);
    await screen.findByText('Incident details');
    expect(document.querySelector('[data-field="operator"]')!.textContent).toBe('supervisor');
    expect(document.querySelector('[data-field="roles"]')!.textContent).toBe('supervisor · dispatch');
    expect(document.querySelector<HTMLElement>('[data-status="operator"] .pill')!.title).toMatch(/^supervisor, call-taker \/ dispatcher; signed in at browser 127.0.0.1 since /);
  });

  it('brings the sign-in screen back over the console, saying why, when a supervisor ends the session', async () => {
    const { host, endSession } = hostWithOperators('supervisor');
    const { store } = desk(host);
    await screen.findByText('Incident details');
    store.getState().selectIncident('fight');
    endSession();
    // The host closes the stream of an ended session.
    act(() => host.setLink('closed'));
    await screen.findByRole('dialog', { name: 'Beacon · sign in' });
    expect(screen.getByRole('status').textContent).toBe(SESSION_ENDED);
    // The console is still there underneath, out of reach, with what it showed.
    expect(screen.getByTestId('console').hasAttribute('inert')).toBe(true);
    expect(store.getState().selectedIncidentId).toBe('fight');
  });

  it('notices a session gone when any call is answered "unauthenticated"', async () => {
    const { host, endSession } = hostWithOperators('supervisor');
    const { store, session } = desk(host);
    await screen.findByText('Incident details');
    endSession();
    host.answer('listIncidents', () => fail('Sign in first.', 'unauthenticated'));
    await session.host.call('listIncidents', {});
    await waitFor(() => expect(store.getState().sessionStatus).toBe('signed-out'));
  });
});

describe('locking the desk', () => {
  it('locks with Alt+K: the console is covered and out of reach, keys behind it do nothing, and only the right password unlocks', async () => {
    const { host } = hostWithOperators('supervisor');
    const { store } = desk(host);
    const off = installDeskGuard(store);
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    const user = userEvent.setup();
    try {
      await screen.findByText('Incident details');
      await user.keyboard('{Alt>}k{/Alt}');
      await screen.findByRole('dialog', { name: 'Desk locked' });
      expect(screen.getByTestId('console').hasAttribute('inert')).toBe(true);
      expect(document.activeElement?.id).toBe('unlock-password');
      // A key pressed outside the lock screen reaches none of the console's shortcuts.
      behind.mockClear();
      fireEvent.keyDown(document.body, { key: 'n' });
      expect(behind).not.toHaveBeenCalled();

      await user.keyboard('battery staple{Enter}');
      await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^That is not supervisor's password/));
      expect(store.getState().session?.locked).toBe(true);
      await user.keyboard('correct horse{Enter}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(screen.getByTestId('console').hasAttribute('inert')).toBe(false);
      expect(host.callsTo('unlockSession')).toEqual([{ password: 'battery staple' }, { password: 'correct horse' }]);
    } finally {
      off();
      window.removeEventListener('keydown', behind);
    }
  });

  it('locks from the status bar button too', async () => {
    const { host } = hostWithOperators('supervisor');
    desk(host);
    await screen.findByText('Incident details');
    fireEvent.click(document.getElementById('lock-desk')!);
    await screen.findByRole('dialog', { name: 'Desk locked' });
    expect(host.callsTo('lockSession')).toHaveLength(1);
  });

  it('hands a locked desk over to another operator (Alt+O on the lock screen)', async () => {
    const { host } = hostWithOperators('supervisor');
    const { store } = desk(host);
    const user = userEvent.setup();
    await screen.findByText('Incident details');
    await user.keyboard('{Alt>}k{/Alt}');
    await screen.findByRole('dialog', { name: 'Desk locked' });
    await user.keyboard('{Alt>}o{/Alt}');
    expect(document.activeElement?.id).toBe('lock-switch-username');
    await user.keyboard('amy{Tab}battery staple{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(store.getState().session).toMatchObject({ operator: 'amy', locked: false });
  });
});

describe('switching operator', () => {
  it('Alt+O asks for the incoming operator and leaves the selected incident, the map and the alarms as they were', async () => {
    const { host } = hostWithOperators('supervisor');
    const store = createConsoleStore();
    store.setState({ incidents: { fight: incident('fight') }, selectedIncidentId: 'fight', flyTo: { lat: 52.5, lon: -0.2, n: 3 } });
    desk(host, store);
    const user = userEvent.setup();
    await screen.findByText('Incident details');
    const before = { incidents: store.getState().incidents, alarms: store.getState().alarms, mapCentre: store.getState().mapCentre, flyTo: store.getState().flyTo };
    await user.keyboard('{Alt>}o{/Alt}');
    await screen.findByRole('dialog', { name: 'Switch operator' });
    expect(document.activeElement?.id).toBe('switch-username');
    await user.keyboard('amy{Tab}battery staple{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.querySelector('[data-field="operator"]')!.textContent).toBe('amy');
    const after = store.getState();
    expect(after.selectedIncidentId).toBe('fight');
    expect({ incidents: after.incidents, alarms: after.alarms, mapCentre: after.mapCentre, flyTo: after.flyTo }).toEqual(before);
    expect(host.reconnects).toBe(1);
  });

  it('Esc backs out of the hand-over and the same operator carries on', async () => {
    const { host } = hostWithOperators('supervisor');
    const { store } = desk(host);
    const user = userEvent.setup();
    await screen.findByText('Incident details');
    await user.keyboard('{Alt>}o{/Alt}');
    await screen.findByRole('dialog', { name: 'Switch operator' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().session?.operator).toBe('supervisor');
    expect(host.callsTo('signIn')).toHaveLength(0);
  });
});

describe('locking by itself', () => {
  function IdleDesk() {
    const store = useConsoleStore();
    useIdleLock(store, useSessionControl());
    return null;
  }

  it('locks after lockAfterMin minutes without input, not before, and input starts the count again', async () => {
    vi.useFakeTimers();
    const { host } = hostWithOperators('supervisor');
    const store = createConsoleStore();
    store.getState().setSession(sessionInfo('supervisor', undefined, { lockAfterMin: 2 }));
    renderConsole(<IdleDesk />, { host, store });
    await act(() => vi.advanceTimersByTimeAsync(100_000));
    fireEvent.keyDown(window, { key: 'q' });
    await act(() => vi.advanceTimersByTimeAsync(100_000));
    expect(host.callsTo('lockSession')).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(20_000 + IDLE_CHECK_MS));
    expect(host.callsTo('lockSession')).toHaveLength(1);
    expect(store.getState().session?.locked).toBe(true);
  });

  it('never locks by itself when the host says 0 minutes', async () => {
    vi.useFakeTimers();
    const { host } = hostWithOperators('supervisor');
    const store = createConsoleStore();
    store.getState().setSession(sessionInfo('supervisor', undefined, { lockAfterMin: 0 }));
    renderConsole(<IdleDesk />, { host, store });
    await act(() => vi.advanceTimersByTimeAsync(3 * 3600_000));
    expect(host.callsTo('lockSession')).toHaveLength(0);
  });
});
