import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../store/slices.js';
import type { CameraView } from '../../../shared/cctv/schemas.js';
import { type WallLayout, LAYOUT_SIZES, type LayoutSize } from '../../../shared/cctv/layouts.js';

/** The CCTV workspace: the camera layer, the tiles and which one is selected or enlarged. */
export interface CctvSlice {
  cameras: Record<string, CameraView>;
  camerasLayer: boolean;
  cctvOpen: boolean;
  cctv: WallLayout;
  /** Index of the selected tile (0-based). */
  selectedTile: number;
  enlarged: boolean;
  setCameras(list: CameraView[]): void;
  toggleCamerasLayer(): void;
  setCctvOpen(open: boolean): void;
  setLayoutSize(size: LayoutSize): void;
  selectTile(i: number): void;
  setEnlarged(on: boolean): void;
  /** Puts a camera in the selected tile and opens the CCTV view on it. */
  openCamera(id: string): void;
  setCctvLayout(l: WallLayout): void;
}

export const createCctvSlice: StateCreator<ConsoleState, [], [], CctvSlice> = (set, get) => ({
  cameras: Object.create(null) as Record<string, CameraView>,
  camerasLayer: true,
  cctvOpen: false,
  cctv: { size: 4, tiles: [] },
  selectedTile: 0,
  enlarged: false,
  setCameras: (list) => set({ cameras: Object.assign(Object.create(null) as Record<string, CameraView>, Object.fromEntries(list.map((c) => [c.id, c]))) }),
  toggleCamerasLayer: () => set({ camerasLayer: !get().camerasLayer }),
  setCctvOpen: (cctvOpen) => set(cctvOpen ? { cctvOpen } : { cctvOpen, enlarged: false }),
  setLayoutSize: (size) => {
    if (!LAYOUT_SIZES.includes(size)) return;
    set({ cctv: { ...get().cctv, size }, selectedTile: Math.min(get().selectedTile, size - 1), enlarged: false });
  },
  selectTile: (i) => {
    if (i >= 0 && i < get().cctv.size) set({ selectedTile: i });
  },
  setEnlarged: (enlarged) => set({ enlarged }),
  openCamera: (id) => {
    const { cctv, selectedTile } = get();
    const tiles = [...cctv.tiles];
    const already = tiles.indexOf(id);
    if (already >= 0 && already < cctv.size) return set({ cctvOpen: true, selectedTile: already });
    tiles[selectedTile] = id;
    set({ cctv: { ...cctv, tiles }, cctvOpen: true });
  },
  setCctvLayout: (cctv) => set({ cctv, selectedTile: Math.min(get().selectedTile, cctv.size - 1) }),
});
