// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/contract.js';
import type { Priority } from '../../../shared/domain/categories.js';
import { createConsoleStore } from '../store/store.js';
import { incident } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { IncidentDesk } from './IncidentDesk.testing.js';

const now = Date.now();
const waiting = incident('inc-1', { ref: 'PB-0001', priority: 2, category: 'disorder', createdAt: now - 60_000 });

/** The host's answer to createIncident: the incident as it would be journalled. */
const created = (input: InputOf<'createIncident'>) =>
  incident('inc-9', {
    ref: 'PB-0009',
    category: input.category as never,
    priority: (input.priority ?? 3) as Priority,
    description: input.description ?? '',
    location: input.location,
    createdAt: Date.now(),
  });

function desk(host = new FakeHost().answer('createIncident', (input) => ({ ok: true, value: created(input) }))) {
  const store = createConsoleStore();
  store.setState({ incidents: { [waiting.id]: waiting } });
  return { user: userEvent.setup(), ...renderConsole(<IncidentDesk />, { store, host }) };
}
const form = () => screen.queryByRole('form', { name: 'New incident' });
const field = (label: RegExp) => within(form()!).getByLabelText(label) as HTMLInputElement | HTMLSelectElement;
const queueIds = () => [...document.querySelectorAll<HTMLElement>('.queue-row[data-incident-id]')].map((r) => r.dataset.incidentId);

describe('<NewIncidentForm>', () => {
  it('N opens the form on Category; typed coordinates create the incident with exactly what was entered', async () => {
    const { user, host, store } = desk();
    await user.keyboard('n');
    expect(form()).not.toBeNull();
    expect(document.activeElement).toBe(field(/Category/));

    await user.selectOptions(field(/Category/), 'disorder');
    await user.tab();
    expect(document.activeElement).toBe(field(/Priority/));
    await user.selectOptions(field(/Priority/), '1');
    await user.tab();
    expect(document.activeElement).toBe(field(/Location/));
    await user.keyboard('52.5725, -0.2425');
    // A valid typed location moves the draft ring on the map.
    expect(store.getState().draftLocation).toEqual({ lat: 52.5725, lon: -0.2425 });
    // Pick on map is Alt+M, not a tab stop: Tab goes straight on to what the caller says.
    await user.tab();
    expect(document.activeElement).toBe(field(/Description/));
    // Letters that are shortcuts (a = allocate, t = theme) are text while typing.
    await user.keyboard('Group fighting at the taxi rank');
    expect(store.getState()).toMatchObject({ mode: 'new-incident', theme: 'dark' });
    await user.keyboard('{Enter}');

    await waitFor(() => expect(form()).toBeNull());
    expect(host.callsTo('createIncident')).toStrictEqual([
      { category: 'disorder', priority: 1, description: 'Group fighting at the taxi rank', location: { lat: 52.5725, lon: -0.2425 } },
    ]);
    expect(store.getState()).toMatchObject({ mode: 'idle', selectedIncidentId: 'inc-9', draftLocation: null });
    // Added before the stream echoes it, most urgent first.
    expect(queueIds()).toEqual(['inc-9', 'inc-1']);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox', { name: /Open incidents/ })));
  });

  it('leaves priority out when the category default is kept, so the host applies it', async () => {
    const { user, host } = desk();
    await user.keyboard('n');
    expect((field(/Priority/) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Default — P3 standard');
    await user.click(field(/Location/));
    await user.keyboard('52.6 -0.25{Enter}');
    await waitFor(() => expect(form()).toBeNull());
    expect(host.callsTo('createIncident')).toStrictEqual([{ category: 'anti_social_behaviour', description: '', location: { lat: 52.6, lon: -0.25 } }]);
    // The new P3 is selected even though the P2 above it is first in the queue.
    expect(queueIds()).toEqual(['inc-1', 'inc-9']);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox', { name: /Open incidents/ })));
    expect(screen.getByRole('listbox', { name: /Open incidents/ }).getAttribute('aria-activedescendant')).toBe('incident-row-inc-9');
  });

  it.each([
    ['', /Type the location as "lat, lon"/],
    ['52.57', /Type the location as "lat, lon"/],
    ['north, east', /must be numbers/],
    ['52.57, 200', /Longitude 200 is outside -180..180/],
    ['152.57, -0.24', /Latitude 152.57 is outside -90..90: did you type lon, lat\?/],
  ])('refuses location %j with a clear message, sends nothing and keeps what was typed', async (typed, message) => {
    const { user, host } = desk();
    await user.keyboard('n');
    await user.selectOptions(field(/Category/), 'graffiti');
    await user.click(field(/Description/));
    await user.keyboard('Tag on the bus shelter');
    if (typed) {
      await user.click(field(/Location/));
      await user.keyboard(typed);
    }
    await user.click(screen.getByRole('button', { name: 'Create incident' }));

    expect(screen.getByRole('alert').textContent).toMatch(message);
    expect(host.callsTo('createIncident')).toEqual([]);
    expect(form()).not.toBeNull();
    // The keyboard is put where the fix is needed, and the field says it is wrong.
    expect(document.activeElement).toBe(field(/Location/));
    expect(field(/Location/).getAttribute('aria-invalid')).toBe('true');
    expect(field(/Location/).value).toBe(typed);
    expect(field(/Description/).value).toBe('Tag on the bus shelter');
    expect(field(/Category/).value).toBe('graffiti');

    // Correcting it clears the field's invalid state and the same form goes through.
    await user.clear(field(/Location/));
    await user.keyboard('52.57, -0.24');
    expect(field(/Location/).getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(form()).toBeNull());
    expect(host.callsTo('createIncident')).toStrictEqual([{ category: 'graffiti', description: 'Tag on the bus shelter', location: { lat: 52.57, lon: -0.24 } }]);
  });

  it('shows the host refusing, keeps every field, and lets the dispatcher try again', async () => {
    let answer: (r: { ok: false; error: string } | { ok: true; value: ReturnType<typeof created> }) => void = () => {};
    const host = new FakeHost().answer('createIncident', () => new Promise((resolve) => (answer = resolve)));
    const { user, store } = desk(host);
    await user.keyboard('n');
    await user.selectOptions(field(/Category/), 'fly_tipping');
    await user.selectOptions(field(/Priority/), '2');
    await user.click(field(/Location/));
    await user.keyboard('52.58, -0.26');
    await user.click(field(/Description/));
    await user.keyboard('Mattresses in the alley{Enter}');

    // While the host is deciding, a second Enter cannot create it twice.
    const submit = screen.getByRole('button', { name: 'Creating…' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    answer({ ok: false, error: 'Journal unavailable: the incident was not saved. Try again.' });

    expect((await screen.findByRole('alert')).textContent).toBe('Journal unavailable: the incident was not saved. Try again.');
    expect(screen.getByRole('button', { name: 'Create incident' })).toHaveProperty('disabled', false);
    expect(store.getState().mode).toBe('new-incident');
    expect(field(/Category/).value).toBe('fly_tipping');
    expect(field(/Priority/).value).toBe('2');
    expect(field(/Location/).value).toBe('52.58, -0.26');
    expect(field(/Location/).getAttribute('aria-invalid')).toBe('false');
    expect(field(/Description/).value).toBe('Mattresses in the alley');
    expect(queueIds()).toEqual(['inc-1']);

    await user.keyboard('{Enter}');
    answer({ ok: true, value: created(host.callsTo('createIncident')[1]!) });
    await waitFor(() => expect(form()).toBeNull());
    expect(host.callsTo('createIncident')).toHaveLength(2);
    expect(host.callsTo('createIncident')[1]).toStrictEqual({
      category: 'fly_tipping',
      priority: 2,
      description: 'Mattresses in the alley',
      location: { lat: 52.58, lon: -0.26 },
    });
  });

  it('Esc on a call with text asks first; a second Esc discards: nothing sent, the queue and its selection untouched, focus back on the queue', async () => {
    const { user, host, store } = desk();
    const queue = screen.getByRole('listbox', { name: /Open incidents/ });
    await user.click(screen.getByText('PB-0001'));
    queue.focus();
    expect(store.getState().selectedIncidentId).toBe('inc-1');

    await user.keyboard('n');
    await user.click(field(/Location/));
    await user.keyboard('52.57, -0.24');
    await user.keyboard('{Escape}');
    expect(form()).not.toBeNull();
    expect(screen.getByTestId('discard-confirm').textContent).toMatch(/Discard this call\?/);
    // Typing on keeps the call and withdraws the question.
    await user.keyboard('1');
    expect(screen.queryByTestId('discard-confirm')).toBeNull();
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');

    expect(form()).toBeNull();
    expect(host.callsTo('createIncident')).toEqual([]);
    expect(store.getState()).toMatchObject({ mode: 'idle', selectedIncidentId: 'inc-1', draftLocation: null });
    expect(queueIds()).toEqual(['inc-1']);
    await waitFor(() => expect(document.activeElement).toBe(queue));
    // Opening it again starts clean.
    await user.keyboard('n');
    expect(field(/Location/).value).toBe('');
  });

  it('Alt+M picks on the map; Esc stops picking first, then closes; a picked point fills the field', async () => {
    const { user, store } = desk();
    await user.keyboard('n');
    await user.click(field(/Description/));
    await user.keyboard('{Alt>}m{/Alt}');
    expect(store.getState().pickingLocation).toBe(true);
    expect(screen.getByRole('button', { name: 'Click the map…' })).toBeTruthy();

    // What MapInteractions does on the map click.
    store.getState().setDraftLocation({ lat: 52.571234, lon: -0.243219 });
    store.getState().setPickingLocation(false);
    await waitFor(() => expect(field(/Location/).value).toBe('52.57123, -0.24322'));
    // The keyboard has moved on to the description: Enter there would create.
    expect(document.activeElement).toBe(field(/Description/));

    await user.keyboard('{Alt>}m{/Alt}');
    await user.keyboard('{Escape}');
    expect(store.getState()).toMatchObject({ pickingLocation: false, mode: 'new-incident' });
    expect(form()).not.toBeNull();
    // The picked place is text in the form: Esc asks before throwing it away.
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(form()).toBeNull();
  });

  it('no key typed in any field fires a console shortcut', async () => {
    const { user, host, store } = desk();
    await user.keyboard('n');
    const letters = 'nagdesfcxopkltqubrhwi/?';
    for (const label of [/Category/, /Priority/, /Location/, /Description/]) {
      const f = field(label);
      f.focus();
      for (const k of letters) await user.keyboard(k === '/' ? '/' : k === '?' ? '?' : k);
      await user.keyboard('{Shift>}A{/Shift}');
      expect(document.activeElement).toBe(f);
      expect(store.getState()).toMatchObject({ mode: 'new-incident', theme: 'dark', shortcutSheet: false, incidentAction: null, notice: null });
    }
    expect(field(/Description/).value).toBe(letters + 'A');
    // Only the lookups typing is for (repeats, places as the caller says them): nothing that acts.
    expect(host.calls.filter((c) => c.name !== 'findRepeatReports' && c.name !== 'searchPlaces')).toEqual([]);
  });

  it('Tab goes category → priority → location → description → create', async () => {
    const { user } = desk();
    await user.keyboard('n');
    const order = [];
    for (let i = 0; i < 5; i++) {
      const a = document.activeElement as HTMLElement;
      order.push(a.id || a.textContent);
      await user.tab();
    }
    expect(order).toEqual(['new-incident-category', 'new-incident-priority', 'new-incident-where', 'new-incident-description', 'Create incident']);
  });

  it('a place the host refuses as outside the service area is created only once the dispatcher confirms it', async () => {
    const host = new FakeHost().answer('createIncident', (input) =>
      input.outsideServiceAreaConfirmed
        ? { ok: true, value: created(input) }
        : { ok: false, code: 'invalid', error: '-0.24000, 52.57000 is outside the service area: latitude and longitude look swapped.' },
    );
    const { user } = desk(host);
    await user.keyboard('n');
    await user.click(field(/Location/));
    await user.keyboard('-0.24, 52.57{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/look swapped/));
    expect(form()).not.toBeNull();
    await user.click(screen.getByLabelText(/create it outside the service area/));
    await user.click(field(/Description/));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(form()).toBeNull());
    expect(host.callsTo('createIncident').map((c) => c.outsideServiceAreaConfirmed)).toEqual([undefined, true]);
  });

  it('the Cancel button closes the form too', async () => {
    const { user, host, store } = desk();
    await user.keyboard('n');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(form()).toBeNull();
    expect(store.getState().mode).toBe('idle');
    expect(host.calls.filter((c) => c.name !== 'getIncidentLog')).toEqual([]);
    // Nothing had focus before N, so the keyboard lands on the queue rather than <body>.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox', { name: /Open incidents/ })));
  });
});
