import type { Map as MaplibreMap } from 'maplibre-gl';

/** Removes a layer component's layers and source, unless the map itself is already gone. */
export function removeLayersAndSource(map: MaplibreMap, layers: string[], source: string): void {
  if (!map.style) return;
  for (const id of layers) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(source)) map.removeSource(source);
}

/**
 * Coalesces bursts of store changes into at most one `setData` per `minIntervalMs`: the first
 * change after a quiet spell goes out at once (low latency), later ones wait for the interval.
 */
export function batcher(push: () => void, minIntervalMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = -Infinity;
  const run = () => {
    timer = null;
    last = performance.now();
    push();
  };
  return {
    schedule() {
      if (timer) return;
      timer = setTimeout(run, Math.max(0, minIntervalMs - (performance.now() - last)));
    },
    now: run,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

type Paint = Record<string, unknown>;
type ThemeStore = { getState(): { theme: 'dark' | 'light' }; subscribe(fn: (s: { theme: 'dark' | 'light' }, p: { theme: 'dark' | 'light' }) => void): () => void };

/** Keeps an overlay's label colours readable on the dark and the light basemap. */
export function followTheme(map: MaplibreMap, store: ThemeStore, paints: Record<string, { dark: Paint; light: Paint }>): () => void {
  const apply = (theme: 'dark' | 'light') => {
    for (const [layer, byTheme] of Object.entries(paints)) {
      if (!map.getLayer(layer)) continue;
      for (const [prop, value] of Object.entries(byTheme[theme])) map.setPaintProperty(layer, prop as Parameters<MaplibreMap['setPaintProperty']>[1], value as never);
    }
  };
  apply(store.getState().theme);
  return store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply(s.theme);
  });
}
