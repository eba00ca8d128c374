import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * How the map keeps its frame rate on desks without a GPU (thin clients, virtual desktops, the
 * headless test browser): WebGL there runs on the CPU, where every pixel and every full-screen
 * pass is paid for by the same two cores that run the rest of the console.
 */

/** WebGL renderers that are CPU rasterisers, as browsers name them. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERERS.test(name);
}

/** The GPU (or CPU rasteriser) behind a WebGL context, in the driver's own words. */
export function webglRendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** `full` draws every pixel; `reduced` draws the map at three-quarter resolution and scales it up. */
export type MapDetail = 'full' | 'reduced';

/**
 * Three-quarter resolution is about half the pixels: a third more frames on a CPU rasteriser.
 * Half resolution gave more frames still, but callsigns blurred (PC16 read as PC14): a wrong
 * callsign costs more than a smooth pan.
 */
export const REDUCED_PIXEL_RATIO = 0.75;

/**
 * Full detail on a GPU; reduced detail on a CPU rasteriser, where full resolution pans at a few
 * frames a second. `requested` (the `mapDetail` setting) overrides either way.
 */
export function chooseMapDetail(software: boolean, requested: MapDetail | null): MapDetail {
  return requested ?? (software ? 'reduced' : 'full');
}

export function pixelRatioFor(detail: MapDetail, devicePixelRatio: number): number {
  return detail === 'reduced' ? Math.min(devicePixelRatio, REDUCED_PIXEL_RATIO) : devicePixelRatio;
}

type SkyPainter = { painter?: { drawFunctions?: { sky?: (...args: unknown[]) => void } } };

/**
 * MapLibre paints a sky pass over the whole canvas every frame, even when the style has no sky
 * and the pass draws transparent pixels onto transparent pixels. On a GPU that is free; on a CPU
 * rasteriser it was a third of every frame. The pass is skipped while the style defines no sky,
 * and runs as before once one is set. Returns false, changing nothing, if this MapLibre draws its
 * sky some other way.
 */
export function skipUndefinedSky(map: MaplibreMap): boolean {
  const fns = (map as unknown as SkyPainter).painter?.drawFunctions;
  const drawSky = fns?.sky;
  if (!fns || typeof drawSky !== 'function') return false;
  fns.sky = (...args: unknown[]) => {
    if (map.getSky() !== undefined) drawSky(...args);
  };
  return true;
}

/** What the console tells the dispatcher about how the map is drawn (health view). */
export interface MapRendering {
  renderer: string;
  detail: MapDetail;
}
