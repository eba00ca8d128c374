// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/domain/ids.js';
import { IncidentDispatchCard } from '../dispatch/IncidentDispatchCard.js';
import { createConsoleStore } from '../store/store.js';
import { health, incident, unit } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { BrokerLossBanner } from './BrokerLossBanner.js';

const T = 1_000_000;
const down = (since: number) => health(T, { broker: { url: 'mqtt://x', connected: false, embedded: true, lastError: 'connect ECONNREFUSED', since, queuedOutgoing: 1 } });

describe('losing the broker', () => {
  it('is stated across the screen, and an allocation made meanwhile shows as queued until the link is back', () => {
    const store = createConsoleStore();
    const inc = incident('fight', {
      ref: 'PB-0042',
      state: 'allocated',
      allocations: [
        { unitId: unitId('pc1'), at: T - 60_000, by: 'd', ackedAt: null },
        { unitId: unitId('pc2'), at: T - 1_000, by: 'd', ackedAt: null },
      ],
    });
    store.setState({ link: 'open', health: health(T), incidents: { fight: inc }, units: { pc1: unit('pc1'), pc2: unit('pc2') }, selectedIncidentId: 'fight' });
    renderConsole(
      <>
        <BrokerLossBanner />
        <IncidentDispatchCard />
      </>,
      { store },
    );
    expect(screen.queryByTestId('broker-loss')).toBeNull();
    act(() => store.setState({ health: down(T - 30_000) }));
    expect(screen.getByTestId('broker-loss').textContent).toMatch(/positions and emergency buttons are NOT arriving.*\(1 waiting\)/);
    const state = (u: string) => document.querySelector(`[data-assignment="${u}"]`)!.textContent;
    expect(state('pc1')).toBe('PC1: sent, awaiting acknowledgement');
    expect(state('pc2')).toBe('PC2: queued, not yet sent (broker down)');
    act(() => store.setState({ health: health(T + 5_000) }));
    expect(screen.queryByTestId('broker-loss')).toBeNull();
    expect(state('pc2')).toBe('PC2: sent, awaiting acknowledgement');
    // With the console's own link down it cannot tell: no claim either way.
    act(() => store.setState({ link: 'closed', health: down(T - 30_000) }));
    expect(screen.queryByTestId('broker-loss')).toBeNull();
  });
});
