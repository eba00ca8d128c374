import type { CustomLayerInterface, CustomRenderMethodInput, Map as MaplibreMap } from 'maplibre-gl';
import { MercatorCoordinate } from 'maplibre-gl';
import type { Unit } from '../../../shared/domain/units.js';
import { isStale } from '../units/unitView.js';
import { unitIconName } from './unitFeatures.js';
import { DOT_CELL, DOT_FILL, HALO_CELL, HALO_FILL, HEADING_ICON, ICON_PX, type UnitAtlas } from './unitIcons.js';

/** What the layer drew of one unit: what a click, a hover or a test reads back. */
export interface DrawnUnit {
  id: string;
  callsign: string;
  agency: string;
  status: string;
  stale: boolean;
  emergency: boolean;
  hdg?: number;
  lat: number;
  lon: number;
}

interface PendingUnits {
  units: Record<string, Unit>;
  now: number;
  staleAfterS: number;
  selectedId: string | null;
}

/** Units are dots below this zoom and agency icons (with heading wedges) from it. */
export const GL_ICONS_FROM_ZOOM = 13;
/** Floats per unit in the instance buffer: offset x, y, icon cell, dot cell, heading (-1: none), opacity. */
const STRIDE = 6;

const VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform vec2 u_viewport;
uniform float u_size;
uniform float u_wedge;
uniform float u_bearing;
uniform float u_useDot;
uniform vec2 u_cells;
uniform float u_fixedCell;
in vec2 a_corner;
in vec2 a_pos;
in float a_cell;
in float a_dot;
in float a_heading;
in float a_alpha;
out vec2 v_uv;
out float v_alpha;
void main() {
  vec4 c = u_matrix * vec4(a_pos, 0.0, 1.0);
  vec2 px = a_corner * u_size * 0.5;
  float cell = u_fixedCell >= 0.0 ? u_fixedCell : (u_useDot > 0.5 ? a_dot : a_cell);
  if (u_wedge > 0.5) {
    // Heading is clockwise from north; the map may be turned by its bearing. Screen y points down.
    float a = radians(a_heading) - u_bearing;
    mat2 turn = mat2(cos(a), sin(a), -sin(a), cos(a));
    px = turn * (px + vec2(0.0, -u_size * 0.5));
    if (a_heading < 0.0) px = vec2(0.0);
  }
  c.xy += px * 2.0 / u_viewport * vec2(1.0, -1.0) * c.w;
  gl_Position = c;
  vec2 at = vec2(mod(cell, u_cells.x), floor(cell / u_cells.x));
  v_uv = (at + (a_corner * 0.5 + 0.5)) / u_cells;
  v_alpha = a_alpha;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
uniform sampler2D u_atlas;
in vec2 v_uv;
in float v_alpha;
out vec4 colour;
void main() {
  colour = texture(u_atlas, v_uv) * v_alpha;
}`;

/**
 * City-zoom dots as point sprites: one vertex a unit instead of a quad's six, and only the dot's
 * own square is filled (the middle `DOT_FILL` of its atlas cell: `u_extent` of the atlas). On a
 * CPU rasteriser this pass was most of a frame with thousands of units in view.
 */
const POINT_VERTEX = `#version 300 es
uniform mat4 u_matrix;
uniform float u_size;
uniform vec2 u_cells;
in vec2 a_pos;
in float a_dot;
in float a_alpha;
out vec2 v_centre;
out float v_alpha;
void main() {
  gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
  gl_PointSize = u_size;
  v_centre = (vec2(mod(a_dot, u_cells.x), floor(a_dot / u_cells.x)) + 0.5) / u_cells;
  v_alpha = a_alpha;
}`;

const POINT_FRAGMENT = `#version 300 es
precision highp float;
uniform sampler2D u_atlas;
uniform vec2 u_extent;
in vec2 v_centre;
in float v_alpha;
out vec4 colour;
void main() {
  colour = texture(u_atlas, v_centre + (gl_PointCoord - 0.5) * u_extent) * v_alpha;
}`;

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`units layer shader: ${gl.getShaderInfoLog(s)}`);
  return s;
}

function link(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram()!;
  gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, vertex));
  gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, fragment));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`units layer program: ${gl.getProgramInfoLog(program)}`);
  return program;
}

/** Icon size by zoom, as the GeoJSON layer draws them: half size at 10, full from 15. */
function iconScale(zoom: number): number {
  if (zoom <= 10) return 0.5;
  if (zoom <= 12) return 0.5 + ((zoom - 10) / 2) * 0.1;
  if (zoom <= 15) return 0.6 + ((zoom - 12) / 3) * 0.4;
  return 1;
}
/** Dot radius by zoom: 4 px at 10, 7 px at 13. */
const dotRadius = (zoom: number) => Math.min(7, Math.max(4, 4 + (zoom - 10)));

/**
 * Every located unit drawn straight from a buffer on the GPU (those in view, uploaded each
 * frame): no GeoJSON source, so no tiles for MapLibre's worker to cut again whenever units move.
 * Positions are kept relative to a point near the units (`origin`), so single-precision floats
 * stay exact to a fraction of a pixel at street zoom.
 */
export class GlUnitsLayer implements CustomLayerInterface {
  readonly id: string;
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  private map: MaplibreMap | null = null;
  private gl: WebGL2RenderingContext | null = null;
  private program: WebGLProgram | null = null;
  private vao: WebGLVertexArrayObject | null = null;
  private pointProgram: WebGLProgram | null = null;
  private pointVao: WebGLVertexArrayObject | null = null;
  private pointUniforms = new Map<string, WebGLUniformLocation | null>();
  /** The largest point sprite this WebGL draws, in device pixels: dots bigger than it are drawn as quads. */
  private maxPointPx = 0;
  private instances: WebGLBuffer | null = null;
  private halos: WebGLBuffer | null = null;
  private haloVao: WebGLVertexArrayObject | null = null;
  private texture: WebGLTexture | null = null;
  private uniforms = new Map<string, WebGLUniformLocation | null>();
  private origin = { x: 0, y: 0 };
  private data = new Float32Array(0);
  /** The rows of `data` in view this frame: what is uploaded and drawn. */
  private visible = new Float32Array(0);
  private haloData = new Float32Array(0);
  private count = 0;
  private haloCount = 0;
  private halosUploaded = true;
  private pending: PendingUnits | null = null;
  /** Drawn order: stale first, so live units and then emergencies are drawn over them. */
  private drawn: DrawnUnit[] = [];
  /** What the last frame actually showed, for tests and the benchmark: set when a frame is drawn. */
  lastFrame: { units: readonly DrawnUnit[]; at: number } = { units: [], at: 0 };

  constructor(
    id: string,
    private readonly atlas: UnitAtlas,
  ) {
    this.id = id;
  }

  onAdd(map: MaplibreMap, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    if (!('drawArraysInstanced' in gl)) throw new Error('The units layer needs WebGL 2.');
    this.map = map;
    this.gl = gl;
    this.program = link(gl, VERTEX, FRAGMENT);
    for (const u of ['u_matrix', 'u_viewport', 'u_size', 'u_wedge', 'u_bearing', 'u_useDot', 'u_cells', 'u_fixedCell', 'u_atlas']) this.uniforms.set(u, gl.getUniformLocation(this.program, u));
    this.pointProgram = link(gl, POINT_VERTEX, POINT_FRAGMENT);
    for (const u of ['u_matrix', 'u_size', 'u_cells', 'u_extent', 'u_atlas']) this.pointUniforms.set(u, gl.getUniformLocation(this.pointProgram, u));
    const range = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as ArrayLike<number> | null;
    this.maxPointPx = range && range.length === 2 ? Number(range[1]) : 0;

    const corners = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, corners);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, -1, 1, 1, -1, 1, 1]), gl.STATIC_DRAW);
    this.instances = gl.createBuffer();
    this.halos = gl.createBuffer();
    this.vao = this.vertexArray(gl, corners!, this.instances!);
    this.haloVao = this.vertexArray(gl, corners!, this.halos!);
    this.pointVao = this.pointArray(gl, this.instances!);

    this.texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, this.atlas.image);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.halosUploaded = false;
  }

  private vertexArray(gl: WebGL2RenderingContext, corners: WebGLBuffer, instances: WebGLBuffer): WebGLVertexArrayObject {
    const p = this.program!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, corners);
    const corner = gl.getAttribLocation(p, 'a_corner');
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, instances);
    const attr = (name: string, size: number, offset: number) => {
      const at = gl.getAttribLocation(p, name);
      if (at < 0) return;
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, size, gl.FLOAT, false, STRIDE * 4, offset * 4);
      gl.vertexAttribDivisor(at, 1);
    };
    attr('a_pos', 2, 0);
    attr('a_cell', 1, 2);
    attr('a_dot', 1, 3);
    attr('a_heading', 1, 4);
    attr('a_alpha', 1, 5);
    gl.bindVertexArray(null);
    return vao;
  }

  /** The instance buffer read a vertex a unit, for the point sprites. */
  private pointArray(gl: WebGL2RenderingContext, instances: WebGLBuffer): WebGLVertexArrayObject {
    const p = this.pointProgram!;
    const vao = gl.createVertexArray()!;
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, instances);
    for (const [name, size, offset] of [['a_pos', 2, 0], ['a_dot', 1, 3], ['a_alpha', 1, 5]] as const) {
      const at = gl.getAttribLocation(p, name);
      if (at < 0) continue;
      gl.enableVertexAttribArray(at);
      gl.vertexAttribPointer(at, size, gl.FLOAT, false, STRIDE * 4, offset * 4);
    }
    gl.bindVertexArray(null);
    return vao;
  }

  onRemove(_map: MaplibreMap, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    const g = gl as WebGL2RenderingContext;
    g.deleteBuffer(this.instances);
    g.deleteBuffer(this.halos);
    g.deleteVertexArray(this.vao);
    g.deleteVertexArray(this.haloVao);
    g.deleteVertexArray(this.pointVao);
    g.deleteTexture(this.texture);
    g.deleteProgram(this.program);
    g.deleteProgram(this.pointProgram);
    this.map = null;
    this.gl = null;
  }

  /**
   * Takes the units as they are now; the next frame draws them. Batches can come faster than a
   * CPU rasteriser draws frames, so the buffers are built once a frame, from the latest.
   */
  setUnits(units: Record<string, Unit>, now: number, staleAfterS: number, selectedId: string | null): void {
    this.pending = { units, now, staleAfterS, selectedId };
    this.map?.triggerRepaint();
  }

  private build({ units, now, staleAfterS, selectedId }: PendingUnits): void {
    const stale: DrawnUnit[] = [];
    const live: DrawnUnit[] = [];
    const alarms: DrawnUnit[] = [];
    for (const id in units) {
      const u = units[id]!;
      if (!u.fix) continue;
      const d: DrawnUnit = {
        id: u.id,
        callsign: u.callsign,
        agency: u.agency,
        status: u.status,
        stale: isStale(u, now, staleAfterS),
        emergency: !!u.emergency?.active,
        lat: u.fix.lat,
        lon: u.fix.lon,
        ...(u.fix.hdg !== undefined && { hdg: u.fix.hdg }),
      };
      (d.emergency ? alarms : d.stale ? stale : live).push(d);
    }
    this.drawn = [...stale, ...live, ...alarms];
    const first = this.drawn[0];
    if (first) this.origin = MercatorCoordinate.fromLngLat([first.lon, first.lat]);
    const write = (list: readonly DrawnUnit[], out: Float32Array<ArrayBuffer>, cellOf: (d: DrawnUnit) => number) => {
      list.forEach((d, i) => {
        const m = MercatorCoordinate.fromLngLat([d.lon, d.lat]);
        const o = i * STRIDE;
        out[o] = m.x - this.origin.x;
        out[o + 1] = m.y - this.origin.y;
        out[o + 2] = cellOf(d);
        out[o + 3] = this.atlas.cell(DOT_CELL(d.status, d.stale));
        // Stale units show no direction: where they were heading is no longer news.
        out[o + 4] = d.hdg === undefined || d.stale ? -1 : d.hdg;
        out[o + 5] = d.stale ? 0.55 : 1;
      });
      return out;
    };
    if (this.data.length < this.drawn.length * STRIDE) this.data = new Float32Array(Math.max(1024, this.drawn.length * 2) * STRIDE);
    write(this.drawn, this.data, (d) => this.atlas.cell(unitIconName(d.agency, d.status, d.stale)));
    this.count = this.drawn.length;
    // Halos: the units in emergency, then the selected one on top.
    const haloed = this.drawn.filter((d) => d.emergency || d.id === selectedId).sort((a, b) => Number(a.id === selectedId) - Number(b.id === selectedId));
    this.haloData = write(haloed, new Float32Array(haloed.length * STRIDE), (d) => this.atlas.cell(d.id === selectedId ? HALO_CELL.selected : HALO_CELL.emergency));
    this.haloCount = haloed.length;
    this.halosUploaded = false;
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const g = gl as WebGL2RenderingContext;
    const map = this.map;
    if (!map || !this.program) return;
    if (this.pending) {
      this.build(this.pending);
      this.pending = null;
    }
    const zoom = map.getZoom();
    const shown = this.cull(map, zoom);
    g.bindBuffer(g.ARRAY_BUFFER, this.instances);
    g.bufferData(g.ARRAY_BUFFER, this.visible.subarray(0, shown * STRIDE), g.DYNAMIC_DRAW);
    if (!this.halosUploaded) {
      g.bindBuffer(g.ARRAY_BUFFER, this.halos);
      g.bufferData(g.ARRAY_BUFFER, this.haloData, g.DYNAMIC_DRAW);
      this.halosUploaded = true;
    }
    // The map's matrix (mercator 0..1 → clip), moved to the units' origin in double precision.
    const m = options.defaultProjectionData.mainMatrix as unknown as ArrayLike<number>;
    const { x, y } = this.origin;
    const matrix = new Float32Array(16);
    for (let i = 0; i < 16; i++) matrix[i] = m[i]!;
    for (let r = 0; r < 4; r++) matrix[12 + r] = m[r]! * x + m[4 + r]! * y + m[12 + r]!;

    const ratio = g.drawingBufferWidth / map.getCanvas().clientWidth || 1;
    const icons = zoom >= GL_ICONS_FROM_ZOOM;
    const u = (name: string) => this.uniforms.get(name)!;
    g.useProgram(this.program);
    g.uniformMatrix4fv(u('u_matrix'), false, matrix);
    g.uniform2f(u('u_viewport'), g.drawingBufferWidth, g.drawingBufferHeight);
    g.uniform2f(u('u_cells'), this.atlas.columns, this.atlas.rows);
    g.uniform1f(u('u_bearing'), (map.getBearing() * Math.PI) / 180);
    g.activeTexture(g.TEXTURE0);
    g.bindTexture(g.TEXTURE_2D, this.texture);
    g.uniform1i(u('u_atlas'), 0);
    g.enable(g.BLEND);
    g.blendFunc(g.ONE, g.ONE_MINUS_SRC_ALPHA);

    const pass = (vao: WebGLVertexArrayObject | null, count: number, sizePx: number, opts: { wedge?: boolean; dot?: boolean; cell?: number }) => {
      if (!count) return;
      g.bindVertexArray(vao);
      g.uniform1f(u('u_size'), sizePx * ratio);
      g.uniform1f(u('u_wedge'), opts.wedge ? 1 : 0);
      g.uniform1f(u('u_useDot'), opts.dot ? 1 : 0);
      g.uniform1f(u('u_fixedCell'), opts.cell ?? -1);
      g.drawArraysInstanced(g.TRIANGLES, 0, 6, count);
    };
    // Halos beneath: a 15 px glow (17 px ring when selected) round the unit.
    pass(this.haloVao, this.haloCount, (2 * 16) / HALO_FILL, {});
    const dotPx = (2 * dotRadius(zoom) + 3) * ratio;
    if (icons) {
      pass(this.vao, shown, ICON_PX, { wedge: true, cell: this.atlas.cell(HEADING_ICON) });
      pass(this.vao, shown, ICON_PX * iconScale(zoom), {});
    } else if (dotPx <= this.maxPointPx) {
      const p = (name: string) => this.pointUniforms.get(name)!;
      g.useProgram(this.pointProgram);
      g.uniformMatrix4fv(p('u_matrix'), false, matrix);
      g.uniform2f(p('u_cells'), this.atlas.columns, this.atlas.rows);
      g.uniform1i(p('u_atlas'), 0);
      g.uniform1f(p('u_size'), dotPx);
      g.uniform2f(p('u_extent'), DOT_FILL / this.atlas.columns, DOT_FILL / this.atlas.rows);
      g.bindVertexArray(this.pointVao);
      g.drawArrays(g.POINTS, 0, shown);
    } else pass(this.vao, shown, dotPx / ratio / DOT_FILL, { dot: true });
    g.bindVertexArray(null);
    this.lastFrame = { units: this.drawn, at: performance.now() };
  }

  /**
   * Copies the rows of the units on screen, or near enough that their icon or wedge reaches it,
   * into `visible`, in drawn order; returns how many. At street zoom that is a few hundred of
   * thousands, and the GPU (or the CPU standing in for one) handles only those.
   */
  private cull(map: MaplibreMap, zoom: number): number {
    const b = map.getBounds();
    const nw = MercatorCoordinate.fromLngLat([b.getWest(), b.getNorth()]);
    const se = MercatorCoordinate.fromLngLat([b.getEast(), b.getSouth()]);
    // CSS pixels to mercator units at this zoom (the world is 512 px across at zoom 0).
    const margin = (2 * ICON_PX) / (512 * 2 ** zoom);
    const [x0, x1] = [nw.x - margin - this.origin.x, se.x + margin - this.origin.x];
    const [y0, y1] = [nw.y - margin - this.origin.y, se.y + margin - this.origin.y];
    if (this.visible.length < this.count * STRIDE) this.visible = new Float32Array(this.data.length);
    const data = this.data;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const o = i * STRIDE;
      const px = data[o]!;
      const py = data[o + 1]!;
      if (px < x0 || px > x1 || py < y0 || py > y1) continue;
      this.visible.set(data.subarray(o, o + STRIDE), n * STRIDE);
      n++;
    }
    return n;
  }

  /** The unit drawn nearest a point on screen (CSS pixels), within `radiusPx`, emergencies and live units first. */
  unitAt(point: { x: number; y: number }, radiusPx = 12): DrawnUnit | null {
    const map = this.map;
    if (!map) return null;
    const a = map.unproject([point.x - radiusPx, point.y - radiusPx]);
    const b = map.unproject([point.x + radiusPx, point.y + radiusPx]);
    const [w, e] = [Math.min(a.lng, b.lng), Math.max(a.lng, b.lng)];
    const [s, n] = [Math.min(a.lat, b.lat), Math.max(a.lat, b.lat)];
    let best: DrawnUnit | null = null;
    let bestD = radiusPx * radiusPx;
    // Later in the list is drawn on top: it wins a tie.
    for (const d of this.lastFrame.units) {
      if (d.lon < w || d.lon > e || d.lat < s || d.lat > n) continue;
      const p = map.project([d.lon, d.lat]);
      const dist = (p.x - point.x) ** 2 + (p.y - point.y) ** 2;
      if (dist <= bestD) {
        bestD = dist;
        best = d;
      }
    }
    return best;
  }

  /** The units the last frame drew inside the map's view. */
  inView(): DrawnUnit[] {
    const map = this.map;
    if (!map) return [];
    const bounds = map.getBounds();
    return this.lastFrame.units.filter((d) => bounds.contains([d.lon, d.lat]));
  }
}
