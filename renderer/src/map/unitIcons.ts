import { AGENCIES, type Agency } from '../../../shared/domain/agencies.js';
import { UNIT_STATUSES } from '../../../shared/domain/units.js';
import { STALE_COLOUR, STATUS_COLOURS } from '../units/unitView.js';
import { unitIconName } from './unitFeatures.js';

/** The image sink: `map.addImage` in the console, a fake in tests. */
export interface ImageSink {
  hasImage(name: string): boolean;
  addImage(name: string, image: ImageData, options?: { pixelRatio?: number }): void;
}

const PIXEL_RATIO = 2;
const SIZE = 30 * PIXEL_RATIO;

// One outline per agency, so a dispatcher tells a PCSO from a parking officer without colour.
const SHAPES: Record<Agency, { sides: number; rotate: number; letter: string } | 'circle'> = {
  police: 'circle',
  pcso: { sides: 4, rotate: 45, letter: 'S' },
  council_enforcement: { sides: 4, rotate: 0, letter: 'C' },
  civil_parking: { sides: 8, rotate: 22.5, letter: 'T' },
  housing: { sides: 5, rotate: 0, letter: 'H' },
  fire: { sides: 3, rotate: 0, letter: 'F' },
  prison: { sides: 6, rotate: 0, letter: 'J' },
  cctv: { sides: 6, rotate: 30, letter: 'V' },
};

function shapePath(ctx: CanvasRenderingContext2D, agency: Agency, r: number) {
  const c = SIZE / 2;
  const s = SHAPES[agency];
  ctx.beginPath();
  if (s === 'circle') {
    ctx.arc(c, c, r, 0, Math.PI * 2);
    return;
  }
  // Diamonds (rotate 0, 4 sides) point up; squares are rotated 45°.
  const scale = s.sides === 3 ? 1.25 : s.sides === 4 ? 1.15 : 1.05;
  for (let i = 0; i < s.sides; i++) {
    const a = ((s.rotate + (360 / s.sides) * i) * Math.PI) / 180 - Math.PI / 2;
    const x = c + Math.cos(a) * r * scale;
    const y = c + Math.sin(a) * r * scale + (s.sides === 3 ? r * 0.2 : 0);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
}

function drawUnitIcon(agency: Agency, fill: string, stale: boolean): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  const r = SIZE * 0.36;
  shapePath(ctx, agency, r);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 2.5 * PIXEL_RATIO;
  ctx.strokeStyle = stale ? '#d0d4d8' : '#0b0e11';
  if (stale) ctx.setLineDash([3 * PIXEL_RATIO, 2.5 * PIXEL_RATIO]);
  ctx.stroke();
  ctx.setLineDash([]);
  const s = SHAPES[agency];
  const letter = s === 'circle' ? 'P' : s.letter;
  ctx.fillStyle = stale ? '#1b2026' : '#0b0e11';
  ctx.font = `bold ${Math.round(SIZE * 0.36)}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(letter, SIZE / 2, SIZE / 2 + (s !== 'circle' && s.sides === 3 ? r * 0.25 : 1));
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/**
 * A small wedge pointing north. The layer offsets it above the unit and rotates it by heading; a
 * tight image keeps 5,000 arrows cheap to draw on a software renderer.
 */
function drawHeadingArrow(): ImageData {
  const w = 12 * PIXEL_RATIO;
  const h = 9 * PIXEL_RATIO;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.beginPath();
  ctx.moveTo(w / 2, 1 * PIXEL_RATIO);
  ctx.lineTo(w - 1 * PIXEL_RATIO, h - 1 * PIXEL_RATIO);
  ctx.lineTo(1 * PIXEL_RATIO, h - 1 * PIXEL_RATIO);
  ctx.closePath();
  ctx.fillStyle = '#f4f6f8';
  ctx.strokeStyle = '#0b0e11';
  ctx.lineWidth = 1.5 * PIXEL_RATIO;
  ctx.fill();
  ctx.stroke();
  return ctx.getImageData(0, 0, w, h);
}

export const HEADING_ICON = 'unit-heading';

/** A dot for city zoom: status colour, dark rim (pale and dashed-looking grey when stale), filling most of its cell. */
function drawDot(fill: string, stale: boolean): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  ctx.beginPath();
  ctx.arc(SIZE / 2, SIZE / 2, SIZE * 0.4 - 1.5 * PIXEL_RATIO, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 3 * PIXEL_RATIO;
  ctx.strokeStyle = stale ? '#d0d4d8' : '#0b0e11';
  ctx.stroke();
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** The selected unit's white ring, or an emergency's red glow, filling most of its cell. */
function drawHalo(emergency: boolean): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  ctx.beginPath();
  ctx.arc(SIZE / 2, SIZE / 2, SIZE * 0.45 - 1.5 * PIXEL_RATIO, 0, Math.PI * 2);
  if (emergency) {
    ctx.fillStyle = 'rgba(255, 45, 45, 0.45)';
    ctx.fill();
  } else {
    ctx.lineWidth = 3 * PIXEL_RATIO;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** Every unit image in one texture, for the map's WebGL units layer: cells of `cellPx`, named. */
export interface UnitAtlas {
  image: ImageData;
  columns: number;
  rows: number;
  cellPx: number;
  cell: (name: string) => number;
}

export const DOT_CELL = (status: string, stale: boolean) => `dot-${stale ? 'stale' : status}`;
export const HALO_CELL = { selected: 'halo-selected', emergency: 'halo-emergency' } as const;
/** How much of its cell a dot or halo fills: the layer sizes quads by it. */
export const DOT_FILL = 0.8;
export const HALO_FILL = 0.9;
/** Unit icons are drawn this many CSS pixels across at full size. */
export const ICON_PX = SIZE / PIXEL_RATIO;

export function unitAtlas(): UnitAtlas {
  const images = new Map<string, ImageData>();
  for (const agency of AGENCIES) {
    for (const status of UNIT_STATUSES) images.set(unitIconName(agency, status, false), drawUnitIcon(agency, STATUS_COLOURS[status], false));
    images.set(unitIconName(agency, '', true), drawUnitIcon(agency, STALE_COLOUR, true));
  }
  for (const status of UNIT_STATUSES) images.set(DOT_CELL(status, false), drawDot(STATUS_COLOURS[status], false));
  images.set(DOT_CELL('', true), drawDot(STALE_COLOUR, true));
  images.set(HALO_CELL.selected, drawHalo(false));
  images.set(HALO_CELL.emergency, drawHalo(true));
  // The wedge is smaller than a cell: centred in one.
  const wedge = drawHeadingArrow();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  canvas.getContext('2d')!.putImageData(wedge, (SIZE - wedge.width) / 2, (SIZE - wedge.height) / 2);
  images.set(HEADING_ICON, canvas.getContext('2d')!.getImageData(0, 0, SIZE, SIZE));

  const columns = 8;
  const rows = Math.ceil(images.size / columns);
  const atlas = document.createElement('canvas');
  atlas.width = columns * SIZE;
  atlas.height = rows * SIZE;
  const ctx = atlas.getContext('2d')!;
  const index = new Map<string, number>();
  let i = 0;
  for (const [name, image] of images) {
    ctx.putImageData(image, (i % columns) * SIZE, Math.floor(i / columns) * SIZE);
    index.set(name, i++);
  }
  return { image: ctx.getImageData(0, 0, atlas.width, atlas.height), columns, rows, cellPx: SIZE, cell: (name) => index.get(name) ?? 0 };
}

/** Generates every agency × status icon (and the stale variants) once per map. */
export function addUnitIcons(map: ImageSink): void {
  for (const agency of AGENCIES) {
    for (const status of UNIT_STATUSES) {
      const name = unitIconName(agency, status, false);
      if (!map.hasImage(name)) map.addImage(name, drawUnitIcon(agency, STATUS_COLOURS[status], false), { pixelRatio: PIXEL_RATIO });
    }
    const stale = unitIconName(agency, '', true);
    if (!map.hasImage(stale)) map.addImage(stale, drawUnitIcon(agency, STALE_COLOUR, true), { pixelRatio: PIXEL_RATIO });
  }
  if (!map.hasImage(HEADING_ICON)) map.addImage(HEADING_ICON, drawHeadingArrow(), { pixelRatio: PIXEL_RATIO });
}
