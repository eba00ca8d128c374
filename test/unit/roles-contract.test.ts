import { describe, expect, it } from 'vitest';
import { OPERATIONS, type OperationHandlers, type OperationName } from '../../shared/contract.js';
import { OperationGate } from '../../shared/auth/gate.js';
import { type Caller, type Role, ROLES } from '../../shared/auth/roles.js';
import type { JournalEvent } from '../../shared/events.js';
import { ok } from '../../shared/result.js';

/**
 * Role boundaries generated from the contract: every operation, every role, through the one gate
 * every transport uses. A new operation without roles fails here, and so does one a role should
 * never reach.
 */

const NAMES = Object.keys(OPERATIONS) as OperationName[];
/** What an operator may do to their own session, whatever their roles. */
const OWN_SESSION: OperationName[] = ['signOut', 'lockSession', 'unlockSession'];

function gateWith() {
  const journal: JournalEvent[] = [];
  const called: { name: string; input: unknown; caller: Caller | undefined }[] = [];
  const handlers = new Proxy({} as OperationHandlers, {
    get: (_, name: string) => async (input: unknown, caller?: Caller) => (called.push({ name, input, caller }), ok('done')),
  });
  const gate = new OperationGate({ handlers, commit: async (e) => (journal.push(e), ok(journal.length)), now: () => 1_800_000_000_000 });
  return { gate, journal, called };
}
const as = (roles: Role[], over: Partial<Caller> = {}): Caller => ({ operator: `op-${roles.join('+') || 'none'}`, roles, sessionId: 's1', locked: false, ...over });

describe('roles, from the contract', () => {
  it('every operation declares who may call it: public, any signed-in operator, or named roles', () => {
    for (const name of NAMES) {
      const roles = (OPERATIONS[name] as { roles?: unknown }).roles;
      expect(roles === 'public' || roles === 'signed_in' || (Array.isArray(roles) && roles.length > 0 && roles.every((r) => (ROLES as readonly string[]).includes(r))), name).toBe(true);
    }
  });

  it('only signing in is open without a session, and every change of state names its roles', () => {
    expect(NAMES.filter((n) => OPERATIONS[n].roles === 'public')).toEqual(['signIn']);
    for (const name of NAMES) if (OPERATIONS[name].durable && name !== 'signIn' && !OWN_SESSION.includes(name)) expect(Array.isArray(OPERATIONS[name].roles), name).toBe(true);
  });

  it.each(NAMES.filter((n) => n !== 'signIn'))('%s: refused without a session, and to exactly the roles the contract leaves out, each refusal journaled', async (name) => {
    const g = gateWith();
    expect(await g.gate.invoke(name, {}, null, 'desk')).toMatchObject({ ok: false, code: 'unauthenticated' });
    for (const role of ROLES) {
      const before = g.journal.length;
      const r = await g.gate.invoke(name, {}, as([role]), 'desk');
      const access = OPERATIONS[name].roles;
      const allowed = access === 'signed_in' || (Array.isArray(access) && access.includes(role));
      if (allowed) expect(r.ok || r.code !== 'forbidden', `${role} may call ${name}`).toBe(true);
      else {
        expect(r, `${role} may not call ${name}`).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/^Refused: .* needs the role of/) });
        expect(g.journal.slice(before)).toEqual([{ type: 'access.refused', operation: name, at: 1_800_000_000_000, by: `op-${role}` }]);
      }
    }
  });

  it('a wall writes nothing: every change of state but its own sign-out and lock is refused', async () => {
    const g = gateWith();
    for (const name of NAMES.filter((n) => OPERATIONS[n].durable && n !== 'signIn' && !OWN_SESSION.includes(n)))
      expect(await g.gate.invoke(name, {}, as(['wall']), 'wall'), name).toMatchObject({ ok: false, code: 'forbidden' });
    expect(g.called).toEqual([]);
  });

  it('a CCTV operator cannot allocate or move incidents on; a dispatcher cannot withdraw accreditation or run the supervisor desk', async () => {
    const g = gateWith();
    for (const name of ['allocateUnit', 'reassignUnit', 'deallocateUnit', 'transitionIncident', 'acknowledgeAlarm'] as const)
      expect(await g.gate.invoke(name, { id: 'i1', unitId: 'pc01', fromUnitId: 'pc02', action: 'closed' }, as(['cctv_operator']), 'desk'), name).toMatchObject({ code: 'forbidden' });
    for (const name of ['withdrawAccreditation', 'restoreAccreditation', 'loadPspoZones', 'createOperator', 'endSession', 'getAudit', 'importCameras', 'startMapImport'] as const)
      expect(await g.gate.invoke(name, { id: 'pc01', power: 'arrest' }, as(['dispatcher']), 'desk'), name).toMatchObject({ code: 'forbidden' });
    expect(g.called).toEqual([]);
    expect(await g.gate.invoke('withdrawAccreditation', { id: 'eo01', power: 'alcohol_designated_place' }, as(['supervisor']), 'desk')).toMatchObject({ ok: true });
  });

  it('believes the session, not the body: the acting operator is replaced, a filter named "operator" is not', async () => {
    const g = gateWith();
    await g.gate.invoke('allocateUnit', { id: 'i1', unitId: 'pc01', operator: 'someone-else' }, as(['dispatcher'], { operator: 'amy' }), 'desk');
    expect(g.called.at(-1)!.input).toMatchObject({ operator: 'amy' });
    await g.gate.invoke('getAudit', { operator: 'ben' }, as(['supervisor'], { operator: 'amy' }), 'desk');
    expect(g.called.at(-1)!.input).toMatchObject({ operator: 'ben' });
  });

  it('a locked desk reads, but changes nothing and sees nothing sensitive until it is unlocked', async () => {
    const g = gateWith();
    const locked = as(['dispatcher', 'supervisor'], { locked: true });
    expect(await g.gate.invoke('listIncidents', {}, locked, 'desk')).toMatchObject({ ok: true });
    expect(await g.gate.invoke('createIncident', { category: 'graffiti', location: { lat: 52.57, lon: -0.24 } }, locked, 'desk')).toMatchObject({ ok: false, code: 'locked' });
    expect(await g.gate.invoke('getTrack', { id: 'pc01' }, locked, 'desk')).toMatchObject({ ok: false, code: 'locked' });
    expect(await g.gate.invoke('unlockSession', { password: 'x' }, locked, 'desk')).toMatchObject({ ok: true });
  });

  it('journals a sensitive read as seen by the caller, once a minute per session and thing seen', async () => {
    const g = gateWith();
    await g.gate.invoke('getTrack', { id: 'pc01' }, as(['dispatcher'], { operator: 'amy' }), 'desk');
    await g.gate.invoke('getTrack', { id: 'pc01' }, as(['dispatcher'], { operator: 'amy' }), 'desk');
    await g.gate.invoke('getTrack', { id: 'pc02' }, as(['dispatcher'], { operator: 'amy' }), 'desk');
    expect(g.journal).toEqual([
      { type: 'record.viewed', what: 'track', subject: 'pc01', at: 1_800_000_000_000, by: 'amy' },
      { type: 'record.viewed', what: 'track', subject: 'pc02', at: 1_800_000_000_000, by: 'amy' },
    ]);
  });
});
