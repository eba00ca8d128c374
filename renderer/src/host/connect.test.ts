// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { StreetMapSettings } from '../../../shared/contract.js';
import { createConsoleStore } from '../store/store.js';
import { FakeHost } from '../testing/render.js';
import { connectStore } from './connect.js';

const STREETS: StreetMapSettings = { tiles: 'map/tiles/{z}/{x}/{y}.pbf', glyphs: 'map/glyphs/{fontstack}/{range}.pbf', bounds: [-0.53, 52.47, 0.03, 52.71], minzoom: 0, maxzoom: 14, attribution: ['© OpenStreetMap contributors'] };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('connectStore and the map it asks for', () => {
  it('the map waits for the host settings, which bring the imported street map', async () => {
    const store = createConsoleStore();
    const host = new FakeHost().answer('getSettings', () => ({ ok: true, value: { mapStyleUrl: null, staleAfterS: 120, mapDetail: null, streetMap: STREETS } }));
    connectStore(host, store);
    expect(store.getState().settingsLoaded).toBe(false);
    await settle();
    expect(store.getState()).toMatchObject({ settingsLoaded: true, streetMap: STREETS });
  });

  it('a host that cannot give its settings still gets a map (the schematic)', async () => {
    const store = createConsoleStore();
    connectStore(new FakeHost(), store);
    await settle();
    expect(store.getState()).toMatchObject({ settingsLoaded: true, streetMap: null });
  });
});
