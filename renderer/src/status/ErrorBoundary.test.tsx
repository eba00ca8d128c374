// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.js';
import { IncidentQueue } from '../incidents/IncidentQueue.js';
import { createConsoleStore } from '../store/store.js';
import { useConsole } from '../store/store.js';
import { alarm, incident, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { ErrorBoundary } from './ErrorBoundary.js';

// The map needs WebGL, which jsdom lacks; here it fails to start as it would on a desk whose GPU
// driver is broken, and the console around it must carry on.
vi.mock('../map/MapView.js', () => ({
  MapView: () => {
    throw new Error('WebGL is not available on this desk');
  },
}));

beforeEach(() => {
  // React reports every caught error on the console; the tests read the screen instead.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.stubGlobal(
    'AudioContext',
    class {
      state = 'suspended';
      resume = () => Promise.resolve();
      suspend = () => Promise.resolve();
      close = () => Promise.resolve();
    },
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A panel that cannot draw the selected incident, as a record it does not understand would make it. */
function IncidentCardThatFails() {
  const id = useConsole((s) => s.selectedIncidentId);
  if (id === 'bad') throw new Error('cannot read the prohibitions of PB-0002');
  return <p>Incident card for {id ?? 'nothing'}</p>;
}

describe('<ErrorBoundary>', () => {
  it('shows what failed in that panel only, and tries again on request', async () => {
    const store = createConsoleStore();
    store.setState({ incidents: { a: incident('a', { ref: 'PB-0001' }) }, selectedIncidentId: 'bad' });
    renderConsole(
      <>
        <ErrorBoundary panel="incident card">
          <IncidentCardThatFails />
        </ErrorBoundary>
        <ErrorBoundary panel="incident queue">
          <IncidentQueue />
        </ErrorBoundary>
      </>,
      { store },
    );
    const failed = screen.getByRole('alert', { name: 'The incident card failed' });
    expect(failed.textContent).toContain('The incident card stopped working: cannot read the prohibitions of PB-0002');
    expect(failed.textContent).toContain('The rest of the console still works');
    // The queue beside it still shows and follows the stream.
    const queue = screen.getByRole('listbox', { name: /Open incidents/ });
    expect(within(queue).getAllByRole('option')).toHaveLength(1);
    act(() => store.setState({ incidents: { ...store.getState().incidents, b: incident('b', { ref: 'PB-0002' }) } }));
    expect(within(queue).getAllByRole('option')).toHaveLength(2);

    // Still broken: trying again shows the failure again, not a blank panel.
    await userEvent.setup().click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('alert', { name: 'The incident card failed' })).toBeTruthy();
    act(() => store.setState({ selectedIncidentId: 'a' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Incident card for a')).toBeTruthy();
  });

  it('keeps the console working when the map fails: queue, units and alarms still show', () => {
    const store = createConsoleStore();
    const now = Date.now();
    store.setState({
      units: { pc7: unit('pc7', { callsign: 'PC7', fix: { ts: now - 5_000, lat: 52.5731, lon: -0.2423 } }) },
      incidents: { a: incident('a', { ref: 'PB-0001' }) },
      alarms: { 'al-1': alarm('al-1', 'pc7', now - 10_000) },
    });
    const host = new FakeHost().answer('listCameras', () => ({ ok: true, value: [] }));
    renderConsole(<App />, { store, host });
    expect(screen.getByRole('alert', { name: 'The map failed' }).textContent).toContain('WebGL is not available on this desk');
    expect(within(screen.getByRole('listbox', { name: /Open incidents/ })).getAllByRole('option')).toHaveLength(1);
    expect(screen.getByRole('article', { name: 'Emergency PC7' })).toBeTruthy();
    expect(within(screen.getByRole('listbox', { name: /^Units/ })).getAllByRole('option')[0]!.textContent).toContain('PC7');
  });
});
