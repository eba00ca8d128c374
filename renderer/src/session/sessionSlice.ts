import type { StateCreator } from 'zustand';
import type { SessionInfo } from '../../../shared/auth/schemas.js';
import type { ConsoleState } from '../store/slices.js';

/**
 * Who is signed in at this desk. `checking` until the host has answered once; `signed-out` shows
 * the sign-in screen (over the console if it had been running, so nothing on it is lost).
 */
type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

/** Supervisor views: operators and their sessions, and the audit. */
type SupervisorView = 'operators' | 'audit';

export interface SessionSlice {
  sessionStatus: SessionStatus;
  session: SessionInfo | null;
  /** Why the sign-in screen is showing again (a session ended elsewhere), or why it cannot be reached. */
  sessionNotice: string | null;
  /** The switch-operator dialog (a hand-over at shift change), open or not. */
  switchingOperator: boolean;
  supervisorView: SupervisorView | null;
  setSession(s: SessionInfo): void;
  setSignedOut(notice: string | null): void;
  setSessionNotice(notice: string | null): void;
  setSwitchingOperator(open: boolean): void;
  setSupervisorView(v: SupervisorView | null): void;
}

export const createSessionSlice: StateCreator<ConsoleState, [], [], SessionSlice> = (set, get) => ({
  sessionStatus: 'checking',
  session: null,
  sessionNotice: null,
  switchingOperator: false,
  supervisorView: null,
  // A new operator's roles may not reach the supervisor views: a view they may not open closes.
  setSession: (session) =>
    set({
      session,
      sessionStatus: 'signed-in',
      sessionNotice: null,
      supervisorView: session.roles.includes('supervisor') ? get().supervisorView : null,
    }),
  setSignedOut: (sessionNotice) => set({ sessionStatus: 'signed-out', session: null, sessionNotice, switchingOperator: false, supervisorView: null }),
  setSessionNotice: (sessionNotice) => set({ sessionNotice }),
  setSwitchingOperator: (switchingOperator) => set({ switchingOperator }),
  setSupervisorView: (supervisorView) => set({ supervisorView }),
});
