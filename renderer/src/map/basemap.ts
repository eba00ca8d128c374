import type { StyleSpecification } from 'maplibre-gl';

/** Where the bundled offline basemap lives, relative to index.html (copied there by Vite). */
export const BUNDLED_STYLE = 'basemap/style.json';

/**
 * Loads a style and makes its GeoJSON/tile URLs absolute against the style's own address, so a
 * style's relative paths work wherever the console is served from (host, Vite, or Electron's disk).
 */
export async function loadStyle(styleUrl: string, base: string, fetchImpl: typeof fetch = fetch): Promise<StyleSpecification> {
  const url = new URL(styleUrl, base).href;
  const res = await fetchImpl(url);
  if (!res.ok) throw new Error(`The map style ${url} could not be loaded (HTTP ${res.status}).`);
  const style = (await res.json()) as StyleSpecification;
  return absolutiseStyle(style, url);
}

function absolutiseStyle(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const abs = (u: string) => (/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : new URL(u, styleUrl).href);
  const sources: StyleSpecification['sources'] = {};
  for (const [id, src] of Object.entries(style.sources)) {
    const s = { ...src } as Record<string, unknown>;
    if (typeof s.data === 'string') s.data = abs(s.data);
    if (typeof s.url === 'string') s.url = abs(s.url);
    if (Array.isArray(s.tiles)) s.tiles = (s.tiles as string[]).map(abs);
    sources[id] = s as unknown as StyleSpecification['sources'][string];
  }
  return {
    ...style,
    sources,
    ...(typeof style.glyphs === 'string' && { glyphs: abs(style.glyphs).replace('%7Bfontstack%7D', '{fontstack}').replace('%7Brange%7D', '{range}') }),
    ...(typeof style.sprite === 'string' && { sprite: abs(style.sprite) }),
  };
}

/** Paint changes that turn the bundled dark basemap into a daylight one. */
export const LIGHT_BASEMAP: Record<string, Record<string, string>> = {
  land: { 'background-color': '#e9e6df' },
  urban: { 'line-color': '#cfc9bd' },
  lake: { 'fill-color': '#9cc3e0' },
  river: { 'line-color': '#7fb0d6' },
  'schematic-grid': { 'line-color': '#c6c1b6' },
  'roads-primary': { 'line-color': '#d9a441' },
  'roads-trunk': { 'line-color': '#4f9a6a' },
  'sector-bounds': { 'line-color': '#3d5f86' },
  'road-refs': { 'text-color': '#3b3525', 'text-halo-color': '#f3f1ec' },
  'river-name': { 'text-color': '#2e6f9e', 'text-halo-color': '#f3f1ec' },
  'pspo-name': { 'text-color': '#7a5a15', 'text-halo-color': '#f3f1ec' },
  places: { 'text-color': '#4b535b', 'text-halo-color': '#f3f1ec' },
};
