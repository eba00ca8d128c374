// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsoleStore } from '../store/store.js';
import { incident } from '../testing/fixtures.js';
import { loadTornOff, openDeskChannel, panelOfWindow, panelUrl, parseDeskMessage } from './tearOff.js';
import { useDeskChannel, usePanelWindow, useSharedSelection, useTearOff } from './useDesk.js';
import { StrictMode } from 'react';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('tearing panels off into windows', () => {
  it('knows a torn-off window by ?panel= and builds its address from the console’s own, without the token', () => {
    expect(panelOfWindow('?panel=queue')).toBe('queue');
    expect(panelOfWindow('?panel=__proto__')).toBeNull();
    expect(panelOfWindow('')).toBeNull();
    const url = new URL(panelUrl('http://127.0.0.1:8620/?mapStyle=https%3A%2F%2Ftiles%2Fs.json&token=secret#x', 'units'));
    expect(url.searchParams.get('panel')).toBe('units');
    expect(url.searchParams.get('mapStyle')).toBe('https://tiles/s.json');
    expect(url.searchParams.has('token')).toBe(false);
    expect(url.hash).toBe('');
  });

  it('takes only well-formed messages from the other windows', () => {
    expect(parseDeskMessage({ type: 'selection', incidentId: 'i1', unitId: null, fly: true })).toEqual({ type: 'selection', incidentId: 'i1', unitId: null, fly: true });
    expect(parseDeskMessage({ type: 'put-back', panel: 'map' })).toEqual({ type: 'put-back', panel: 'map' });
    for (const bad of [null, 'x', { type: 'put-back', panel: 'constructor' }, { type: 'selection', incidentId: 7, unitId: null, fly: false }, { type: 'reload' }])
      expect(parseDeskMessage(bad)).toBeNull();
  });

  it('shares what is selected between the windows of one desk', async () => {
    const a = createConsoleStore();
    const b = createConsoleStore();
    for (const s of [a, b]) s.setState({ incidents: { i1: incident('i1'), i2: incident('i2') } });
    const chA = openDeskChannel()!;
    const chB = openDeskChannel()!;
    const hooks = [renderHook(() => useSharedSelection(a, chA)), renderHook(() => useSharedSelection(b, chB))];
    act(() => a.getState().selectIncident('i2', { fly: true }));
    await waitFor(() => expect(b.getState().selectedIncidentId).toBe('i2'));
    // The choice asked the map to go there, so the other window's map goes too.
    expect(b.getState().flyTo).toMatchObject({ n: 1 });
    act(() => b.getState().selectIncident('i1'));
    await waitFor(() => expect(a.getState().selectedIncidentId).toBe('i1'));
    // No echo: a stays on i1 and b is not sent back and forth.
    await new Promise((r) => setTimeout(r, 50));
    expect([a.getState().selectedIncidentId, b.getState().selectedIncidentId]).toEqual(['i1', 'i1']);
    for (const h of hooks) h.unmount();
    chA.close();
    chB.close();
  });

  it('Alt+Shift+Q opens the queue in its own window and remembers it; closing that window puts it back', async () => {
    const opened: { url: string; name: string; close: () => void }[] = [];
    vi.stubGlobal('open', (url: string, name: string) => {
      const w = { url, name, close: vi.fn() };
      opened.push(w);
      return w;
    });
    const store = createConsoleStore();
    const desk = openDeskChannel()!;
    const { result, unmount } = renderHook(() => useTearOff(store, desk));
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', code: 'KeyQ', altKey: true, shiftKey: true })));
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!.url).searchParams.get('panel')).toBe('queue');
    expect(opened[0]!.name).toBe('beacon-panel-queue');
    expect(result.current.tornOff).toEqual(['queue']);
    expect(loadTornOff()).toEqual(['queue']);

    // The queue's window is closed by the dispatcher: it says so, and the queue comes back.
    const other = openDeskChannel()!;
    other.post({ type: 'put-back', panel: 'queue' });
    await waitFor(() => expect(result.current.tornOff).toEqual([]), { timeout: 4000 });
    expect(loadTornOff()).toEqual([]);

    // Again, then Alt+Shift+Q from the main window puts it back and closes its window.
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', code: 'KeyQ', altKey: true, shiftKey: true })));
    expect(result.current.tornOff).toEqual(['queue']);
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', code: 'KeyQ', altKey: true, shiftKey: true })));
    expect(result.current.tornOff).toEqual([]);
    expect(opened[1]!.close).toHaveBeenCalled();
    unmount();
    other.close();
    desk.close();
  });

  it('keeps the panel torn off while its window reloads: gone, then back within a moment', async () => {
    vi.stubGlobal('open', () => ({ close: vi.fn() }));
    const store = createConsoleStore();
    const desk = openDeskChannel()!;
    const { result, unmount } = renderHook(() => useTearOff(store, desk));
    act(() => result.current.tearOff('units'));
    const panelWindow = openDeskChannel()!;
    panelWindow.post({ type: 'put-back', panel: 'units' });
    await new Promise((r) => setTimeout(r, 300));
    panelWindow.post({ type: 'torn-off', panel: 'units' });
    await new Promise((r) => setTimeout(r, 2000));
    expect(result.current.tornOff).toEqual(['units']);
    expect(loadTornOff()).toEqual(['units']);
    unmount();
    panelWindow.close();
    desk.close();
  });

  it('says so when the browser blocks the window, and keeps the panel where it is', () => {
    vi.stubGlobal('open', () => null);
    const store = createConsoleStore();
    const { result } = renderHook(() => useTearOff(store, null));
    act(() => result.current.tearOff('map'));
    expect(result.current.tornOff).toEqual([]);
    expect(store.getState().notice?.text).toMatch(/did not let the console open the map in its own window/);
  });
  it('a torn-off window tells the desk it is there, even mounted twice as strict mode does', async () => {
    const heard: unknown[] = [];
    const desk = openDeskChannel()!;
    const off = desk.listen((m) => heard.push(m));
    const { unmount } = renderHook(() => usePanelWindow('units', useDeskChannel()), { wrapper: StrictMode });
    await waitFor(() => expect(heard).toContainEqual({ type: 'torn-off', panel: 'units' }));
    expect(document.title).toBe('Units · Beacon');
    unmount();
    off();
    desk.close();
  });
});
