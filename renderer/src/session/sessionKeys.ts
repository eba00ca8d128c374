import { useEffect } from 'react';
import type { ConsoleState } from '../store/slices.js';
import type { ConsoleStore } from '../store/store.js';
import { refusal } from './can.js';
import type { SessionControl } from './sessionControl.js';

/**
 * The desk's session keys. Alt, because they work while typing too (a call half taken is left as it
 * is when the desk is locked or handed over), and read from `code`, so a layout that makes Alt+letter
 * another character still answers.
 */
export const SESSION_KEYS = {
  lock: { keys: 'Alt+K', code: 'KeyK', action: 'Lock the desk (alarms stay on screen)' },
  switch: { keys: 'Alt+O', code: 'KeyO', action: 'Switch operator (hand-over): the console stays as it is' },
  operators: { keys: 'Alt+P', code: 'KeyP', action: 'Operators and sessions (supervisor)' },
  audit: { keys: 'Alt+T', code: 'KeyT', action: 'Audit trail: who did what (supervisor)' },
} as const;
type SessionKey = keyof typeof SESSION_KEYS;

export const SESSION_SHORTCUTS = Object.values(SESSION_KEYS).map(({ keys, action }) => ({ keys, action }));

export function isSessionKey(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>, key: SessionKey): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === SESSION_KEYS[key].code;
}

/** Whether what the console shows is covered by a session screen: keys behind it must not act. */
export const consoleCovered = (s: Pick<ConsoleState, 'sessionStatus' | 'session' | 'switchingOperator'>) =>
  s.sessionStatus !== 'signed-in' || !!s.session?.locked || s.switchingOperator;

/**
 * While a session screen covers the console, keys pressed anywhere but on that screen reach
 * nothing: a letter typed at a locked desk must not open a form behind the lock. Installed before
 * the console renders, so it runs before every other window listener.
 */
export function installDeskGuard(store: ConsoleStore, win: Window = window): () => void {
  const guard = (e: KeyboardEvent) => {
    if (!consoleCovered(store.getState())) return;
    if (e.target instanceof Element && e.target.closest('[data-session-screen]')) return;
    e.stopImmediatePropagation();
  };
  win.addEventListener('keydown', guard, true);
  win.addEventListener('keyup', guard, true);
  return () => {
    win.removeEventListener('keydown', guard, true);
    win.removeEventListener('keyup', guard, true);
  };
}

/** Alt+K, Alt+O, and the supervisor's Alt+P and Alt+T. */
export function handleSessionKey(e: KeyboardEvent, store: ConsoleStore, control: Pick<SessionControl, 'lock'>): boolean {
  if (e.defaultPrevented) return false;
  const s = store.getState();
  if (s.sessionStatus !== 'signed-in' || s.session?.locked) return false;
  if (isSessionKey(e, 'lock')) {
    void control.lock().then((refused) => refused && store.getState().notify(refused));
    return true;
  }
  if (isSessionKey(e, 'switch')) {
    s.setSwitchingOperator(!s.switchingOperator);
    return true;
  }
  for (const [key, view, op, what] of [
    ['operators', 'operators', 'listOperators', 'Managing operators and sessions'],
    ['audit', 'audit', 'getAudit', 'The audit trail'],
  ] as const) {
    if (!isSessionKey(e, key)) continue;
    const no = refusal(s, op, what);
    if (no) s.notify(no, 'info');
    else s.setSupervisorView(s.supervisorView === view ? null : view);
    return true;
  }
  return false;
}

export function useSessionKeys(store: ConsoleStore, control: Pick<SessionControl, 'lock'>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleSessionKey(e, store, control)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, control]);
}
