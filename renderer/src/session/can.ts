import { type OperationName, operationAllowed } from '../../../shared/contract.js';
import { ROLE_NAMES } from '../../../shared/auth/roles.js';
import type { ConsoleState } from '../store/slices.js';
import { useConsole } from '../store/store.js';

/**
 * Whether the operator signed in at this desk may call an operation: the contract's own
 * declaration, read the way the host checks it. The console hides or disables what this says no
 * to, and a key for it says why instead of opening a form the host would refuse.
 */
export function can(s: Pick<ConsoleState, 'session'>, op: OperationName): boolean {
  // Before the console knows who is signed in the host alone judges (it checks every call anyway).
  return !s.session || operationAllowed(op, s.session.roles);
}

export function useCan(op: OperationName): boolean {
  return useConsole((s) => can(s, op));
}

/** The sentence a key says instead of acting, when the operator's roles do not allow it; null when they do. */
export function refusal(s: Pick<ConsoleState, 'session'>, op: OperationName, what: string): string | null {
  if (can(s, op)) return null;
  const held = s.session?.roles.length ? s.session.roles.map((r) => ROLE_NAMES[r]).join(', ') : 'no role';
  return `${what}: not part of your role. ${s.session?.operator ?? 'This desk'} is signed in as ${held}.`;
}
