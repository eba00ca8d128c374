import { describe, expect, it } from 'vitest';
import { AccessControl, refusalDelayMs } from '../../shared/auth/access.js';
import type { JournalEvent } from '../../shared/events.js';
import { ok } from '../../shared/result.js';
import { memoryAccessStore, plainCrypto } from '../support/memory-access.js';

function setup() {
  const journal: JournalEvent[] = [];
  const waits: number[] = [];
  const clock = { now: 1_800_000_000_000 };
  const ended: string[] = [];
  const access = new AccessControl({
    store: memoryAccessStore(),
    crypto: plainCrypto,
    commit: async (e) => (journal.push(e), ok(journal.length)),
    now: () => clock.now,
    sleep: async (ms) => void waits.push(ms),
    lockAfterMin: 10,
  });
  access.onSessionEnded((id) => ended.push(id));
  return { access, journal, waits, clock, ended };
}

describe('operators and sessions', () => {
  it('creates the first supervisor once, with the password given or a generated one', async () => {
    const a = setup();
    expect(await a.access.ensureFirstSupervisor(null)).toMatchObject({ created: true, generated: expect.stringMatching(/.{20}/) });
    expect(await a.access.ensureFirstSupervisor('ignored-now-1')).toEqual({ created: false, generated: null });
    expect(a.access.listOperators()).toEqual([expect.objectContaining({ username: 'supervisor', roles: expect.arrayContaining(['supervisor']), createdBy: 'host' })]);
    expect(a.journal).toEqual([expect.objectContaining({ type: 'operator.created', username: 'supervisor', by: 'host' })]);
  });

  it('slows and counts wrong passwords, the same for a name that is no operator, and forgets them on a good sign-in', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    for (let i = 0; i < 3; i++) expect(await a.access.signIn('supervisor', 'wrong', 'desk 1')).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await a.access.signIn('nobody', 'wrong', 'desk 1')).toMatchObject({ ok: false, error: expect.stringMatching(/do not match an operator/) });
    expect(a.waits).toEqual([refusalDelayMs(1), refusalDelayMs(2), refusalDelayMs(3), refusalDelayMs(1)]);
    expect(refusalDelayMs(3)).toBeGreaterThan(refusalDelayMs(2));
    expect(refusalDelayMs(50)).toBe(8000);
    expect(a.access.listOperators()[0]!.failedSignIns).toBe(3);
    expect(a.journal.filter((e) => e.type === 'session.refused').map((e) => e.type === 'session.refused' && [e.username, e.failures])).toEqual([
      ['supervisor', 1],
      ['supervisor', 2],
      ['supervisor', 3],
      ['nobody', 1],
    ]);
    const good = await a.access.signIn('supervisor', 'right-password-1', 'desk 1');
    expect(good).toMatchObject({ ok: true, value: { operator: 'supervisor', desk: 'desk 1', locked: false } });
    expect(a.access.failedSignIns('supervisor')).toBe(0);
  });

  it('resolves a token to its session until the session ends, and tells the transports it ended', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    const s = await a.access.signIn('supervisor', 'right-password-1', 'desk 1');
    if (!s.ok) throw new Error(s.error);
    expect(a.access.resolve(s.value.token)).toMatchObject({ operator: 'supervisor', sessionId: s.value.sessionId, locked: false });
    expect(a.access.resolve('made-up')).toBeNull();
    expect(a.access.resolve(null)).toBeNull();
    expect(await a.access.end(s.value.sessionId, 'supervisor', 'ended')).toMatchObject({ ok: true });
    expect(a.access.resolve(s.value.token)).toBeNull();
    expect(a.ended).toEqual([s.value.sessionId]);
    expect(await a.access.end(s.value.sessionId, 'supervisor', 'ended')).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('hands a desk over: the new operator signs in, the outgoing session ends as switched', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    await a.access.createOperator({ username: 'amy', password: 'amy-password-1', roles: ['dispatcher'] }, 'supervisor');
    const first = await a.access.signIn('supervisor', 'right-password-1', 'desk 1');
    if (!first.ok) throw new Error(first.error);
    const outgoing = a.access.resolve(first.value.token)!;
    const next = await a.access.signIn('amy', 'amy-password-1', 'desk 1', outgoing);
    expect(next).toMatchObject({ ok: true, value: { operator: 'amy', roles: ['dispatcher'] } });
    expect(a.access.resolve(first.value.token)).toBeNull();
    expect(a.journal.find((e) => e.type === 'session.ended')).toMatchObject({ operator: 'supervisor', reason: 'switched' });
    expect(a.access.listSessions().map((s) => s.operator)).toEqual(['amy']);
  });

  it('locks a desk; only the operator who holds it unlocks it, with their own password', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    await a.access.createOperator({ username: 'amy', password: 'amy-password-1', roles: ['dispatcher'] }, 'supervisor');
    const s = await a.access.signIn('amy', 'amy-password-1', 'desk 2');
    if (!s.ok) throw new Error(s.error);
    const caller = a.access.resolve(s.value.token)!;
    expect(await a.access.lock(caller)).toMatchObject({ ok: true, value: { locked: true } });
    expect(a.access.resolve(s.value.token)!.locked).toBe(true);
    expect(await a.access.unlock(caller, 'right-password-1')).toMatchObject({ ok: false, error: expect.stringMatching(/only the operator who locked/) });
    expect(a.access.resolve(s.value.token)!.locked).toBe(true);
    expect(await a.access.unlock(caller, 'amy-password-1')).toMatchObject({ ok: true, value: { locked: false } });
    expect(a.journal.map((e) => e.type).filter((t) => t.startsWith('session.'))).toEqual(['session.started', 'session.locked', 'session.refused', 'session.unlocked']);
  });

  it('signs in with a one-time link once, within ten minutes', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    const code = a.access.issueOneTimeLink('supervisor');
    expect(await a.access.redeemOneTimeLink(code, 'browser')).toMatchObject({ ok: true, value: { operator: 'supervisor' } });
    expect(await a.access.redeemOneTimeLink(code, 'browser')).toMatchObject({ ok: false, error: expect.stringMatching(/used or has expired/) });
    const late = a.access.issueOneTimeLink('supervisor');
    a.clock.now += 11 * 60_000;
    expect(await a.access.redeemOneTimeLink(late, 'browser')).toMatchObject({ ok: false });
  });

  it('refuses a second operator of the same name', async () => {
    const a = setup();
    await a.access.createOperator({ username: 'amy', password: 'amy-password-1', roles: ['dispatcher'] }, 'supervisor');
    expect(await a.access.createOperator({ username: 'amy', password: 'other-password', roles: ['wall'] }, 'supervisor')).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('gives a one-use, thirty-second ticket for a video socket, standing for the session while it lasts', async () => {
    const a = setup();
    await a.access.ensureFirstSupervisor('right-password-1');
    const s = await a.access.signIn('supervisor', 'right-password-1', 'Electron window');
    if (!s.ok) throw new Error(s.error);
    const caller = a.access.resolve(s.value.token)!;
    const t = a.access.issueStreamTicket(caller);
    if (!t.ok) throw new Error(t.error);
    expect(a.access.redeemStreamTicket(t.value)).toMatchObject({ operator: 'supervisor', sessionId: s.value.sessionId });
    expect(a.access.redeemStreamTicket(t.value)).toBeNull();
    const late = a.access.issueStreamTicket(caller);
    a.clock.now += 31_000;
    expect(late.ok && a.access.redeemStreamTicket(late.value)).toBeNull();
    const ended = a.access.issueStreamTicket(caller);
    await a.access.end(s.value.sessionId, 'supervisor', 'signed_out');
    expect(ended.ok && a.access.redeemStreamTicket(ended.value)).toBeNull();
    expect(a.access.issueStreamTicket({ operator: '', roles: [], sessionId: null, locked: false })).toMatchObject({ ok: false });
  });

  it("takes guesses at one name in turn, each after the last one's wait, however many arrive at once", async () => {
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const access = new AccessControl({
      store: memoryAccessStore(),
      crypto: { ...plainCrypto, verifyPassword: async (p, h) => (order.push(`check ${p}`), h === `plain:${p}`) },
      commit: async () => ok(1),
      now: () => 0,
      sleep: (ms) => new Promise<void>((r) => (order.push(`wait ${ms}`), gates.push(r))),
      lockAfterMin: 0,
    });
    await access.createOperator({ username: 'amy', password: 'amy-password-1', roles: ['dispatcher'] }, 'supervisor');
    const tries = ['guess-1', 'guess-2', 'amy-password-1'].map((p) => access.signIn('amy', p, 'desk'));
    await new Promise((r) => setTimeout(r, 10));
    // The second guess is not even checked while the first one's wait runs.
    expect(order).toEqual(['check guess-1', 'wait 250']);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['check guess-1', 'wait 250', 'check guess-2', 'wait 500']);
    gates.shift()!();
    expect(await tries[2]).toMatchObject({ ok: true });
    expect((await tries[0]!).ok || (await tries[1]!).ok).toBe(false);
  });
});
