import type { AccessCrypto, AccessStore, StoredOperator, StoredSession } from '../../shared/auth/access.js';

/** Operators and sessions in memory, for the access control's own tests. */
export function memoryAccessStore(): AccessStore {
  const operators = new Map<string, StoredOperator>();
  const sessions = new Map<string, StoredSession>();
  return {
    operator: (u) => operators.get(u) ?? null,
    operators: () => [...operators.values()],
    addOperator: (o) => void operators.set(o.username, o),
    sessionByToken: (h) => [...sessions.values()].find((s) => s.tokenHash === h) ?? null,
    session: (id) => sessions.get(id) ?? null,
    openSessions: () => [...sessions.values()].filter((s) => s.endedAt === null),
    addSession: (s) => void sessions.set(s.sessionId, { ...s }),
    updateSession: (id, change) => void Object.assign(sessions.get(id)!, change),
  };
}

let n = 0;
/** Fast and transparent stand-ins: the real scrypt is tested with the host. */
export const plainCrypto: AccessCrypto = {
  hashPassword: async (p) => `plain:${p}`,
  verifyPassword: async (p, h) => h === `plain:${p}`,
  secret: () => `secret-${++n}-${'x'.repeat(24)}`,
  digest: (t) => `digest(${t})`,
};
