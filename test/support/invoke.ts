import type { OperationHandlers, OperationName } from '../../shared/contract.js';
import { OperationGate } from '../../shared/auth/gate.js';
import type { Caller } from '../../shared/auth/roles.js';
import { ok, type Result } from '../../shared/result.js';

/** A dispatcher-supervisor at a test desk: allowed everything a console offers. */
export const TEST_CALLER: Caller = { operator: 'dispatcher', roles: ['dispatcher', 'supervisor', 'cctv_operator', 'coordinator'], sessionId: 'test-session', locked: false };

/**
 * Calls an operation as the host's transports do: through the gate (roles, input parsed with the
 * contract's schema, the acting operator taken from the caller), without HTTP.
 */
export function invoke(handlers: OperationHandlers, name: OperationName, raw: unknown, caller: Caller = TEST_CALLER): Promise<Result<unknown>> {
  return new OperationGate({ handlers, commit: async () => ok(0), now: () => Date.now() }).invoke(name, raw, caller, 'test desk');
}
