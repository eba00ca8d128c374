// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../shared/contract.js';
import type { Place } from '../../../shared/places/types.js';
import { IncidentDesk } from '../incidents/IncidentDesk.testing.js';
import { createConsoleStore } from '../store/store.js';
import { incident } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { GoToPlace } from './GoToPlace.js';

const PE1_1HA: Place = { kind: 'postcode', name: 'PE1 1HA', detail: 'Central Ward', lat: 52.57092, lon: -0.24203 };
const BRIDGE_ST: Place = { kind: 'street', name: 'Bridge Street', detail: 'Central Ward', lat: 52.571189, lon: -0.242466 };
const OTHER_BRIDGE_ST: Place = { kind: 'street', name: 'Bridge Street', detail: 'PE6', lat: 52.671835, lon: -0.302548 };

/** A gazetteer of three places, answering as the host does. */
const gazetteer = (q: string): Place[] => (/^pe1/i.test(q) ? [PE1_1HA] : /^bri/i.test(q) ? [BRIDGE_ST, OTHER_BRIDGE_ST] : []);

function desk() {
  const host = new FakeHost()
    .answer('searchPlaces', ({ q }) => ({ ok: true, value: gazetteer(q) }))
    .answer('createIncident', (input: InputOf<'createIncident'>) => ({ ok: true, value: incident('inc-9', { location: input.location }) }));
  const store = createConsoleStore();
  store.getState().setMapCentre({ lat: 52.5725, lon: -0.2425 });
  return { user: userEvent.setup(), ...renderConsole(<IncidentDesk />, { store, host }) };
}
const location = () => screen.getByLabelText(/Location/) as HTMLInputElement;
const options = () => within(screen.getByRole('listbox', { name: 'Places found' })).getAllByRole('option');

describe('<PlaceSearch> in the new-incident form', () => {
  it('a postcode typed without its space, Enter takes the first place, and the incident records it', async () => {
    const { user, host, store } = desk();
    await user.keyboard('n');
    await user.click(location());
    await user.keyboard('pe11ha');
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]!.textContent).toBe('PE1 1HApostcodeCentral Ward');
    // Asked from the map's centre, so the nearer of two names comes first.
    expect(host.callsTo('searchPlaces').at(-1)).toEqual({ q: 'pe11ha', limit: 8, near: '52.57250,-0.24250' });

    await user.keyboard('{Enter}');
    expect(screen.queryByRole('listbox', { name: 'Places found' })).toBeNull();
    expect(location().value).toBe('52.57092, -0.24203');
    expect(store.getState().draftLocation).toEqual({ lat: 52.57092, lon: -0.24203 });
    expect(screen.getByText('PE1 1HA, Central Ward (searched "pe11ha")')).toBeTruthy();

    // With the place taken, Enter creates the incident there.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(host.callsTo('createIncident')).toHaveLength(1));
    expect(host.callsTo('createIncident')[0]).toMatchObject({ location: { lat: 52.57092, lon: -0.24203 }, address: 'PE1 1HA, Central Ward (searched "pe11ha")' });
  });

  it('↓ picks the second of two Bridge Streets; typing again forgets the choice', async () => {
    const { user, host } = desk();
    await user.keyboard('n');
    await user.click(location());
    await user.keyboard('bridge st');
    await waitFor(() => expect(options()).toHaveLength(2));
    expect(options().map((o) => o.textContent)).toEqual(['Bridge StreetstreetCentral Ward', 'Bridge StreetstreetPE6']);
    await user.keyboard('{ArrowDown}');
    expect(options()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(location().getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    await user.keyboard('{Enter}');
    expect(location().value).toBe('52.67184, -0.30255');
    expect(screen.getByText('Bridge Street, PE6 (searched "bridge st")')).toBeTruthy();

    await user.clear(location());
    await user.keyboard('52.6, -0.25');
    expect(screen.queryByText(/Bridge Street, PE6/)).toBeNull();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(host.callsTo('createIncident')).toHaveLength(1));
    expect(host.callsTo('createIncident')[0]).not.toHaveProperty('address');
  });

  it('coordinates typed in full: Enter creates the incident, as it always has', async () => {
    const { user, host } = desk();
    host.answer('searchPlaces', ({ q }) => ({ ok: true, value: [{ kind: 'coordinates', name: q, detail: 'latitude, longitude', lat: 52.6, lon: -0.25 }] }));
    await user.keyboard('n');
    await user.click(location());
    await user.keyboard('52.6, -0.25');
    await waitFor(() => expect(options()).toHaveLength(1));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(host.callsTo('createIncident')).toHaveLength(1));
    expect(host.callsTo('createIncident')[0]).toEqual({ category: 'anti_social_behaviour', description: '', location: { lat: 52.6, lon: -0.25 } });
  });

  it('Esc closes the list without cancelling the form; an answer to an older keystroke is dropped', async () => {
    let release: () => void = () => {};
    const host = new FakeHost().answer('searchPlaces', async ({ q }) => {
      // The answer for "br" arrives after the answer for "bri".
      if (q === 'br') await new Promise<void>((r) => (release = r));
      return { ok: true, value: q === 'br' ? [PE1_1HA] : gazetteer(q) };
    });
    const { store } = renderConsole(<IncidentDesk />, { host });
    const user = userEvent.setup();
    await user.keyboard('n');
    await user.click(location());
    await user.keyboard('bri');
    await waitFor(() => expect(options()).toHaveLength(2));
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(options().map((o) => o.textContent)).toEqual(['Bridge StreetstreetCentral Ward', 'Bridge StreetstreetPE6']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox', { name: 'Places found' })).toBeNull();
    expect(store.getState().mode).toBe('new-incident');
  });
});

describe('<GoToPlace> on the map', () => {
  it('W focuses it; the place chosen is flown to at street level', async () => {
    const host = new FakeHost().answer('searchPlaces', ({ q }) => ({ ok: true, value: gazetteer(q) }));
    const { store } = renderConsole(
      <>
        <IncidentDesk />
        <GoToPlace />
      </>,
      { host, store: createConsoleStore() },
    );
    const user = userEvent.setup();
    await user.keyboard('w');
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Go to a place' }));
    await user.keyboard('bridge');
    await waitFor(() => expect(options()).toHaveLength(2));
    await user.keyboard('{Enter}');
    expect(store.getState().flyTo).toMatchObject({ lat: BRIDGE_ST.lat, lon: BRIDGE_ST.lon, zoom: 17 });
    expect(store.getState().mode).toBe('idle');
  });
});
