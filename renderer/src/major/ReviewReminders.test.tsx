// @vitest-environment jsdom
import type { SessionInfo } from '../../../shared/auth/schemas.js';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Health } from '../../../shared/contract.js';
import type { Decision } from '../../../shared/major/decisions.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { createConsoleStore } from '../store/store.js';
import { majorIncident } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { ReviewReminders } from './ReviewReminders.js';

const T = Date.parse('2026-11-30T09:00:00Z');
const HOST_AHEAD_MS = 60_000;
const decision = (id: string, over: Partial<Decision> = {}): Decision => ({
  id,
  situation: 's',
  assessment: 'a',
  powers: 'p',
  options: 'o',
  decision: `Hold the line (${id})`,
  rationale: 'r',
  reviewAt: T + 30 * 60_000,
  at: T,
  by: 'coord',
  ...over,
});
const major = (over: Partial<MajorIncidentView> = {}): MajorIncidentView =>
  majorIncident({ location: { lat: 52.57, lon: -0.24 }, declaredAt: T, decisions: [decision('D1'), decision('D2', { reviewAt: T + 90 * 60_000 })], ...over });

/** The banner over a store the live stream has filled with `m`. */
function reminders(m: MajorIncidentView, host = new FakeHost(), session?: SessionInfo) {
  const store = createConsoleStore();
  if (session) store.getState().setSession(session);
  // The host's clock runs a minute ahead of this desk's: times sent are the host's.
  store.getState().applyStream({ type: 'snapshot', seq: 1, units: [], incidents: [], alarms: [], health: { now: Date.now() + HOST_AHEAD_MS } as Health, majors: [m] });
  return renderConsole(<ReviewReminders />, { store, host });
}

describe('<ReviewReminders>', () => {
  it('says nothing while no review is due, and raises one on any desk when the host says it is due', async () => {
    const { store } = reminders(major());
    expect(screen.queryByRole('alert')).toBeNull();
    // The host's feed sends the record again when its review falls due.
    act(() => store.getState().applyStream({ type: 'changes', seq: 2, units: [], incidents: [], alarms: [], health: { now: Date.now() + HOST_AHEAD_MS } as Health, majors: [major({ reviewsDue: ['D1'] })] }));
    const alert = screen.getByRole('alert', { name: 'Decision reviews due' });
    expect(alert.textContent).toContain('MI-20261130-01 D1');
    expect(alert.textContent).toContain('Hold the line (D1)');
    // From the dispatcher's layout, the coordinator's is one button away.
    await userEvent.click(screen.getByRole('button', { name: /Open major incident/ }));
    expect(store.getState()).toMatchObject({ layout: 'major', chosenMajor: 'MI-20261130-01' });
    expect(screen.queryByRole('button', { name: /Open major incident/ })).toBeNull();
  });

  it('F9 opens the acknowledgement; Enter sends it for the due decision, with the note and the next review', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    const due = major({ reviewsDue: ['D1'] });
    const { store } = reminders(due, host);
    host.answer('acknowledgeReview', () => ({ ok: true, value: major({ decisions: [decision('D1', { reviews: [{ at: T, by: 'coord', dueAt: T, note: 'crowd remains' }] })] }) }));
    await screen.findByRole('alert', { name: 'Decision reviews due' });

    await user.keyboard('{F9}');
    const form = screen.getByRole('form', { name: 'Acknowledge the review of D1' });
    expect(document.activeElement?.id).toBe('review-note');
    // Esc leaves it due.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    expect(host.callsTo('acknowledgeReview')).toEqual([]);

    await user.keyboard('{F9}');
    expect(form).toBeTruthy();
    await user.keyboard('crowd remains');
    await user.type(screen.getByLabelText('Next review in (minutes)'), '20');
    const before = Date.now();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(host.callsTo('acknowledgeReview')).toHaveLength(1));
    const sent = host.callsTo('acknowledgeReview')[0]!;
    expect(sent).toMatchObject({ id: 'MI-20261130-01', decisionId: 'D1', note: 'crowd remains' });
    const inMs = (sent.nextReviewAt as number) - before;
    expect(inMs).toBeGreaterThanOrEqual(HOST_AHEAD_MS + 20 * 60_000 - 1000);
    expect(inMs).toBeLessThanOrEqual(HOST_AHEAD_MS + 20 * 60_000 + 5000);
    // The host's answer is the record with nothing due: the reminder goes.
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(store.getState().majors['MI-20261130-01']!.decisions[0]!.reviews).toHaveLength(1);
  });

  it('shows the refusal of a desk without the role, and keeps the reminder', async () => {
    const user = userEvent.setup();
    const host = new FakeHost();
    reminders(major({ reviewsDue: ['D1'] }), host);
    host.answer('acknowledgeReview', () => ({ ok: false, error: 'Refused: acknowledging a review needs the role of major-incident coordinator or supervisor.' }));
    await screen.findByRole('alert', { name: 'Decision reviews due' });
    await user.click(screen.getByRole('button', { name: /Acknowledge/ }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/needs the role of major-incident coordinator/)).toBeTruthy();
    expect(screen.getByRole('alert', { name: 'Decision reviews due' })).toBeTruthy();
  });

  it("tells a dispatcher's desk who acknowledges it, and offers no acknowledgement there", async () => {
    reminders(major({ reviewsDue: ['D1'] }), new FakeHost(), { operator: 'amy', roles: ['dispatcher'], sessionId: 's1', desk: 'browser', locked: false, startedAt: T, lockAfterMin: 0 });
    const alert = await screen.findByRole('alert', { name: 'Decision reviews due' });
    await waitFor(() => expect(alert.textContent).toContain('A coordinator or supervisor acknowledges it'));
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    await userEvent.keyboard('{F9}');
    expect(screen.queryByRole('form')).toBeNull();
    // Still one button away from the coordinator's layout.
    expect(screen.getByRole('button', { name: /Open major incident/ })).toBeTruthy();
  });
});
