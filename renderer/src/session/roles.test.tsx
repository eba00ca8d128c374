// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/roles.js';
import { ok } from '../../../shared/result.js';
import { handleShortcut } from '../keyboard/shortcuts.js';
import { IncidentQueue } from '../incidents/IncidentQueue.js';
import { AlarmBanner } from '../safety/AlarmBanner.js';
import { EvidenceList } from '../safety/EvidenceList.js';
import { StatusBar } from '../status/StatusBar.js';
import { createConsoleStore } from '../store/store.js';
import { alarm, incident, sessionInfo, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { handleSessionKey } from './sessionKeys.js';

const key = (k: string, over: Partial<KeyboardEvent> = {}) =>
  ({ key: k, target: null, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, defaultPrevented: false, ...over }) as KeyboardEvent;

function signedInAs(operator: string, roles: Role[]) {
  const store = createConsoleStore();
  store.getState().setSession(sessionInfo(operator, roles));
  store.getState().upsertIncidents([incident('fight', { priority: 2 })]);
  store.getState().selectIncident('fight');
  return store;
}

describe('the console follows the operator’s roles', () => {
  it('a CCTV operator pressing A is told why instead of getting the allocation list', () => {
    const store = signedInAs('cathy', ['cctv_operator']);
    expect(handleShortcut(key('a'), store)).toBe(true);
    expect(store.getState().mode).toBe('idle');
    expect(store.getState().notice?.text).toBe('Allocate an officer: not part of your role. cathy is signed in as CCTV operator.');
    // The lifecycle is the dispatcher's too; a note on what the camera shows is not.
    handleShortcut(key('g'), store);
    expect(store.getState().mode).toBe('idle');
    expect(store.getState().notice?.text).toMatch(/^Triage: not part of your role/);
    handleShortcut(key('l'), store);
    expect(store.getState()).toMatchObject({ mode: 'incident-action', incidentAction: 'note' });
  });

  it('a dispatcher pressing A gets the allocation list', () => {
    const store = signedInAs('dan', ['dispatcher']);
    handleShortcut(key('a'), store);
    expect(store.getState().mode).toBe('allocate');
  });

  it('the wall identity opens no form at all', () => {
    const store = signedInAs('wall', ['wall']);
    for (const k of ['n', 'a', 'g', 'l', 'p', 'x']) {
      handleShortcut(key(k), store);
      expect(store.getState().mode, k).toBe('idle');
    }
    expect(store.getState().notice?.text).toBe('Cancel the incident, with a reason: not part of your role. wall is signed in as read-only wall.');
  });

  it('the wall sees no write controls: no New incident, no alarm buttons, no allocation key in the status bar', () => {
    const store = signedInAs('wall', ['wall']);
    store.setState({ units: { pc1: unit('pc1', { callsign: 'PC1' }) }, alarms: { a1: alarm('a1', 'pc1', Date.now() - 5000) } });
    renderConsole(
      <>
        <AlarmBanner silent />
        <IncidentQueue />
        <StatusBar />
      </>,
      { store },
    );
    expect(screen.getByText(/EMERGENCY/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /New incident/ })).toBeNull();
    const keys = document.querySelector('.status-bar .shortcuts')!.textContent!;
    expect(keys).not.toMatch(/Allocate unit|New incident/);
    expect(keys).toMatch(/Search units/);
    // F8 at the wall says why, and nothing is sent to the host.
    fireEvent.keyDown(window, { key: 'F8' });
    expect(store.getState().notice?.text).toMatch(/^Acknowledging an alarm: not part of your role/);
  });

  it('a dispatcher sees the alarm buttons and the New incident button', () => {
    const store = signedInAs('dan', ['dispatcher']);
    store.setState({ units: { pc1: unit('pc1', { callsign: 'PC1' }) }, alarms: { a1: alarm('a1', 'pc1', Date.now() - 5000) } });
    renderConsole(
      <>
        <AlarmBanner silent />
        <IncidentQueue />
      </>,
      { store },
    );
    expect(screen.getByRole('button', { name: /Acknowledge/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /New incident/ })).toBeTruthy();
  });

  it('does not ask for body-worn video logs a CCTV operator may not read (a refused call would be journaled as one)', async () => {
    const host = new FakeHost().answer('listBwvEvents', () => ok([]));
    renderConsole(<EvidenceList />, { store: signedInAs('cathy', ['cctv_operator']), host });
    await new Promise((r) => setTimeout(r, 20));
    expect(host.callsTo('listBwvEvents')).toHaveLength(0);
    expect(screen.queryByLabelText(/Body-worn video/)).toBeNull();
    renderConsole(<EvidenceList />, { store: signedInAs('dan', ['dispatcher']), host });
    await screen.findByLabelText(/Body-worn video/);
    expect(host.callsTo('listBwvEvents')).toHaveLength(1);
  });

  it('opens the supervisor views for a supervisor only', () => {
    const lock = { lock: async () => null };
    const alt = (code: string) => ({ ...key(''), altKey: true, code }) as KeyboardEvent;
    const dan = signedInAs('dan', ['dispatcher']);
    expect(handleSessionKey(alt('KeyT'), dan, lock)).toBe(true);
    expect(dan.getState().supervisorView).toBeNull();
    expect(dan.getState().notice?.text).toBe('The audit trail: not part of your role. dan is signed in as call-taker / dispatcher.');
    const sue = signedInAs('sue', ['supervisor']);
    handleSessionKey(alt('KeyT'), sue, lock);
    expect(sue.getState().supervisorView).toBe('audit');
    handleSessionKey(alt('KeyP'), sue, lock);
    expect(sue.getState().supervisorView).toBe('operators');
    // A hand-over to someone who is not a supervisor closes the view.
    sue.getState().setSession(sessionInfo('dan', ['dispatcher']));
    expect(sue.getState().supervisorView).toBeNull();
  });
});
