import type { Map as MaplibreMap } from 'maplibre-gl';

/** Finds the unit drawn at a point on screen: each way of drawing units knows its own. */
export type UnitPicker = (point: { x: number; y: number }) => string | null;

const pickers = new WeakMap<MaplibreMap, UnitPicker>();

export function setUnitPicker(map: MaplibreMap, picker: UnitPicker | null): void {
  if (picker) pickers.set(map, picker);
  else pickers.delete(map);
}

export function unitAt(map: MaplibreMap, point: { x: number; y: number }): string | null {
  return pickers.get(map)?.(point) ?? null;
}
