import type { Map as MaplibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { chooseMapDetail, isSoftwareRenderer, pixelRatioFor, REDUCED_PIXEL_RATIO, skipUndefinedSky } from './renderCost.js';

describe('isSoftwareRenderer', () => {
  it('knows the CPU rasterisers by the names browsers give them', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Mesa/X.org, llvmpipe (LLVM 15.0.6 256 bits), OpenGL ES 3.2)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(true);
  });
  it('leaves real GPUs alone', () => {
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
  });
});

describe('map detail', () => {
  it('draws at reduced resolution only on a CPU rasteriser, unless the setting says otherwise', () => {
    expect(chooseMapDetail(true, null)).toBe('reduced');
    expect(chooseMapDetail(false, null)).toBe('full');
    expect(chooseMapDetail(true, 'full')).toBe('full');
    expect(chooseMapDetail(false, 'reduced')).toBe('reduced');
  });
  it('never raises the pixel ratio, and keeps a sharp display sharp at full detail', () => {
    expect(pixelRatioFor('full', 2)).toBe(2);
    expect(pixelRatioFor('reduced', 2)).toBe(REDUCED_PIXEL_RATIO);
    expect(pixelRatioFor('reduced', 0.25)).toBe(0.25);
  });
});

describe('skipUndefinedSky', () => {
  function fakeMap(sky: unknown) {
    const calls: unknown[][] = [];
    const map = { painter: { drawFunctions: { sky: (...a: unknown[]) => void calls.push(a) } }, getSky: () => sky };
    return { map: map as unknown as MaplibreMap, draw: (...a: unknown[]) => map.painter.drawFunctions.sky(...a), calls };
  }

  it('skips the sky pass while the style has no sky', () => {
    const m = fakeMap(undefined);
    expect(skipUndefinedSky(m.map)).toBe(true);
    m.draw('mesh', 'ctx');
    expect(m.calls).toEqual([]);
  });
  it('draws a sky the style defines, with the same arguments', () => {
    const m = fakeMap({ 'sky-color': '#88c' });
    skipUndefinedSky(m.map);
    m.draw('mesh', 'ctx');
    expect(m.calls).toEqual([['mesh', 'ctx']]);
  });
  it('changes nothing where MapLibre draws its sky some other way', () => {
    expect(skipUndefinedSky({ painter: {} } as unknown as MaplibreMap)).toBe(false);
    expect(skipUndefinedSky({} as unknown as MaplibreMap)).toBe(false);
  });
});
