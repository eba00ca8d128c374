import type { OperationHandlers } from '../contract.js';
import type { Journal } from '../ports.js';
import { fail, ok } from '../result.js';
import type { AccessControl } from './access.js';
import { auditCsv, auditEntries, AUDITED_TYPES } from './audit.js';
import { HOST_CALLER } from './roles.js';

/** The operations the host's access control answers; a console without one refuses each of them. */
export const ACCESS_OPERATIONS = [
  'signIn',
  'signOut',
  'getSession',
  'lockSession',
  'unlockSession',
  'listSessions',
  'endSession',
  'listOperators',
  'createOperator',
  'getAudit',
  'createStreamTicket',
] as const;
export type AccessOperationName = (typeof ACCESS_OPERATIONS)[number];

/** Sign-in, sessions, operators and the audit, over the host's access control and its journal. */
export function createAccessHandlers(
  access: AccessControl,
  journal: Pick<Journal, 'readRange'>,
  now: () => number,
  /** The host's own address, once it listens. */
  base: () => string,
): Pick<OperationHandlers, AccessOperationName> {
  return {
    createStreamTicket: async (_, caller = HOST_CALLER) => {
      const t = access.issueStreamTicket(caller);
      return t.ok ? ok({ ticket: t.value, base: base() }) : t;
    },
    signIn: async ({ username, password }, caller = HOST_CALLER) => access.signIn(username, password, caller.desk ?? 'unknown desk', caller.sessionId ? caller : null),
    signOut: async (_, caller = HOST_CALLER) => {
      if (!caller.sessionId) return fail('Not signed in.', 'unauthenticated');
      const r = await access.end(caller.sessionId, caller.operator, 'signed_out');
      return r.ok ? ok({ signedOut: true as const }) : r;
    },
    getSession: async (_, caller = HOST_CALLER) => access.sessionInfo(caller),
    lockSession: async (_, caller = HOST_CALLER) => access.lock(caller),
    unlockSession: async ({ password }, caller = HOST_CALLER) => access.unlock(caller, password),
    listSessions: async () => ok(access.listSessions()),
    endSession: async ({ id }, caller = HOST_CALLER) => access.end(id, caller.operator, 'ended'),
    listOperators: async () => ok(access.listOperators()),
    createOperator: async ({ username, password, roles }, caller = HOST_CALLER) => access.createOperator({ username, password, roles }, caller.operator),
    getAudit: async ({ format, from, to, ...q }) => {
      if (from !== undefined && to !== undefined && from > to) return fail('"from" is after "to".');
      const records = journal.readRange(from ?? 0, to === undefined ? now() + 1 : to + 1, {
        types: AUDITED_TYPES,
        ...(q.unit && { unitId: q.unit }),
      });
      const entries = auditEntries(records, { ...q, from, to });
      if (format === 'json') return ok(entries);
      const stamp = new Date(now()).toISOString().slice(0, 16).replace(/[-:T]/g, '');
      return ok({ document: { contentType: 'text/csv; charset=utf-8', filename: `beacon-audit-${stamp}.csv`, encoding: 'utf8' as const, body: auditCsv(entries) } });
    },
  };
}
