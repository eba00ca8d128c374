/** Tile grids a CCTV operator (and the video wall) can show: 1, 2×2, 3×3 and 4×4. */
export const LAYOUT_SIZES = [1, 4, 9, 16] as const;
export type LayoutSize = (typeof LAYOUT_SIZES)[number];

/** Which camera is in which tile; tiles beyond the camera list are empty. */
export interface WallLayout {
  size: LayoutSize;
  tiles: (string | null)[];
}

export const columnsOf = (size: LayoutSize) => Math.sqrt(size);

/** A layout read back from storage or the network: anything malformed becomes an empty 2×2. */
export function checkLayout(raw: unknown): WallLayout {
  const o = raw as Partial<WallLayout> | null;
  const size = LAYOUT_SIZES.find((s) => s === o?.size) ?? 4;
  const tiles = Array.isArray(o?.tiles) ? o.tiles.slice(0, 16).map((t) => (typeof t === 'string' && t.length <= 64 ? t : null)) : [];
  return { size, tiles };
}

/** The layout with `cameraId` in tile `tile` (0-based), growing the grid if the tile is beyond it. */
export function placeCamera(l: WallLayout, tile: number, cameraId: string | null): WallLayout {
  const tiles = [...l.tiles];
  while (tiles.length < tile) tiles.push(null);
  tiles[tile] = cameraId;
  const size = LAYOUT_SIZES.find((s) => s > tile) ?? 16;
  return { size: Math.max(l.size, size) as LayoutSize, tiles };
}
