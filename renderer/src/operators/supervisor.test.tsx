// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../shared/auth/audit.js';
import type { OperatorView, SessionView } from '../../../shared/auth/schemas.js';
import { incidentId } from '../../../shared/domain/ids.js';
import { fail, ok } from '../../../shared/result.js';
import { auditQuery, fromInputTime, NO_AUDIT_FILTER, toInputTime } from '../audit/auditQuery.js';
import { createConsoleStore } from '../store/store.js';
import { incident, sessionInfo } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { SupervisorViews } from './SupervisorViews.js';

const operator = (username: string, over: Partial<OperatorView> = {}): OperatorView => ({
  username,
  roles: ['dispatcher'],
  createdAt: 1_000_000,
  createdBy: 'supervisor',
  failedSignIns: 0,
  sessions: 0,
  ...over,
});
const session = (id: string, op: string): SessionView => ({ sessionId: id, operator: op, roles: ['dispatcher'], desk: 'browser 10.0.0.7', startedAt: 1_000_000, lastSeenAt: 1_000_000, locked: false });

function supervisorDesk(view: 'operators' | 'audit', host: FakeHost) {
  const store = createConsoleStore();
  store.getState().setSession(sessionInfo('sue', ['supervisor']));
  store.getState().upsertIncidents([incident('inc-7f3a', { ref: 'PB-0042' })]);
  store.getState().selectIncident('inc-7f3a');
  store.getState().setSupervisorView(view);
  return renderConsole(<SupervisorViews />, { store, host });
}

describe('the audit form', () => {
  it('asks by the id the journal keeps for an incident typed as its radio reference', () => {
    const q = auditQuery({ ...NO_AUDIT_FILTER, incident: 'pb-0042', operator: ' Amy ' }, [{ id: incidentId('inc-7f3a'), ref: 'PB-0042' }]);
    expect(q).toEqual({ ok: true, value: { incident: 'inc-7f3a', operator: 'amy' } });
    // An id, or a reference the console has not seen, goes as typed.
    expect(auditQuery({ ...NO_AUDIT_FILTER, incident: 'inc-0001' }, [])).toEqual({ ok: true, value: { incident: 'inc-0001' } });
  });

  it('reads the period as local time and says when it cannot match anything', () => {
    const from = new Date(2026, 10, 30, 6, 0, 0).getTime();
    expect(fromInputTime(toInputTime(from))).toBe(from);
    expect(fromInputTime('2026-02-30T06:00')).toBeNaN();
    expect(auditQuery({ ...NO_AUDIT_FILTER, from: '2026-11-30T06:00', to: '2026-11-30T05:00' }, [])).toMatchObject({ ok: false, error: '"From" is after "To": nothing can match.' });
    expect(auditQuery({ ...NO_AUDIT_FILTER, from: 'yesterday' }, [])).toMatchObject({ ok: false });
  });
});

describe('<SupervisorViews> operators and sessions', () => {
  it('lists operators with their wrong passwords, creates one with its roles, and ends a session only on a second press', async () => {
    let operators = [operator('sue', { roles: ['supervisor'], sessions: 1 }), operator('amy', { failedSignIns: 3 })];
    const host = new FakeHost()
      .answer('listOperators', () => ok(operators))
      .answer('listSessions', () => ok([session('s-sue', 'sue'), session('s-amy', 'amy')]))
      .answer('createOperator', ({ username, roles }) => {
        operators = [...operators, operator(username, { roles })];
        return ok(operator(username, { roles }));
      })
      .answer('endSession', ({ id }) => ok(session(id, 'amy')));
    supervisorDesk('operators', host);
    const user = userEvent.setup();
    const amy = await screen.findByText('amy', { selector: '[data-table="operators"] td' });
    expect(within(amy.closest('tr')!).getByText('3').className).toBe('warn');
    // The view has the keyboard: the new operator's username first.
    expect(document.activeElement?.id).toBe('new-operator-username');

    await user.keyboard('cathy{Tab}short{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A new password has at least 10 characters.');
    expect(host.callsTo('createOperator')).toHaveLength(0);
    await user.clear(document.getElementById('new-operator-password')!);
    await user.type(document.getElementById('new-operator-password')!, 'long enough pass');
    await user.click(screen.getByRole('checkbox', { name: 'call-taker / dispatcher' }));
    await user.click(screen.getByRole('checkbox', { name: 'CCTV operator' }));
    await user.click(screen.getByRole('button', { name: /Create operator/ }));
    await waitFor(() => expect(host.callsTo('createOperator')).toEqual([{ username: 'cathy', password: 'long enough pass', roles: ['cctv_operator'] }]));
    await screen.findByText('cathy', { selector: '[data-table="operators"] td' });

    const sessions = document.querySelector('[data-table="sessions"]')!;
    expect(within(sessions.querySelector('[data-session="s-sue"]')!).getByText('this desk')).toBeTruthy();
    const end = within(sessions.querySelector('[data-session="s-amy"]') as HTMLElement).getByRole('button');
    fireEvent.click(end);
    expect(end.textContent).toBe("Confirm: end amy's session");
    expect(host.callsTo('endSession')).toHaveLength(0);
    fireEvent.click(end);
    await waitFor(() => expect(host.callsTo('endSession')).toEqual([{ id: 's-amy' }]));
  });

  it('Esc closes the view', async () => {
    const host = new FakeHost().answer('listOperators', () => ok([])).answer('listSessions', () => ok([]));
    const { store } = supervisorDesk('operators', host);
    await screen.findByRole('dialog', { name: 'Operators and sessions' });
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(store.getState().supervisorView).toBeNull();
  });
});

describe('<SupervisorViews> audit', () => {
  const entry = (seq: number, who: string, summary: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
    seq,
    at: 1_700_000_000_000 + seq * 1000,
    operator: who,
    action: 'incident.note',
    summary,
    incidentId: 'inc-7f3a',
    unitId: null,
    cameraId: null,
    ...over,
  });

  it('answers "who did what to this incident" in one press, and exports the same question as CSV', async () => {
    const host = new FakeHost()
      .answer('listOperators', () => ok([operator('amy')]))
      .answer('getAudit', (q) =>
        q.format === 'csv'
          ? ok({ document: { contentType: 'text/csv; charset=utf-8', filename: 'beacon-audit-202611300900.csv', encoding: 'utf8' as const, body: 'seq\r\n' } })
          : ok([entry(1, 'amy', 'created incident PB-0042'), entry(2, 'dan', 'allocated pc01', { unitId: 'pc01', action: 'allocation.created' })]),
      );
    supervisorDesk('audit', host);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Who did what to PB-0042' }));
    await screen.findByText('allocated pc01');
    expect(host.callsTo('getAudit')).toEqual([{ incident: 'inc-7f3a', format: 'json' }]);
    const rows = document.querySelectorAll('[data-table="audit"] tbody tr');
    expect([...rows].map((r) => r.getAttribute('data-operator'))).toEqual(['amy', 'dan']);
    expect(rows[1]!.textContent).toContain('PB-0042');
    expect(screen.getByRole('status').textContent).toBe('2 lines, oldest first.');

    const made: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (made.push(b), 'blob:csv'));
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('beacon-audit-202611300900.csv');
    });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledOnce());
    expect(host.callsTo('getAudit').at(-1)).toEqual({ incident: 'inc-7f3a', format: 'csv' });
    expect(made[0]!.type).toBe('text/csv; charset=utf-8');
  });

  it('asks by operator over the last 12 hours, and shows a refusal in words', async () => {
    const host = new FakeHost().answer('listOperators', () => ok([])).answer('getAudit', () => fail('The journal is not readable.', 'unavailable'));
    supervisorDesk('audit', host);
    const user = userEvent.setup();
    await screen.findByRole('dialog', { name: 'Audit trail' });
    expect(document.activeElement?.id).toBe('audit-operator');
    await user.keyboard('amy');
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'What amy did in the last 12 h' }));
    await screen.findByText('The journal is not readable.');
    const asked = host.callsTo('getAudit')[0]! as { operator: string; from: number };
    expect(asked.operator).toBe('amy');
    expect(Math.abs(asked.from - (before - 12 * 3600_000))).toBeLessThan(5000);
  });
});
