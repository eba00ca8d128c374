import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { LatLon } from '../../../shared/domain/incidents.js';
import { cordonAt, type Scene, type SceneInput } from '../../../shared/major/scene.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { formatLatLon, parseLatLon } from '../incidents/parseLatLon.js';
import type { Camera } from '../../../shared/safety/cameras.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';

type Point = 'rvp' | 'marshalling' | 'route';
type Cordon = 'inner' | 'outer';
const CORDON_NAMES: Record<Cordon, string> = { inner: 'Inner cordon', outer: 'Outer cordon' };

/** Points typed or drawn as "lat, lon; lat, lon; …", or the sentence saying which one is wrong. */
function parsePoints(text: string, what: string): { ok: true; value: LatLon[] } | { ok: false; error: string } {
  const out: LatLon[] = [];
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const p = parseLatLon(part);
    if (!p.ok) return { ok: false, error: `${what}, point ${out.length + 1}: ${p.error}` };
    out.push(p.value);
  }
  return { ok: true, value: out };
}
const pointsText = (points: readonly LatLon[]) => points.map(formatLatLon).join('; ');

type Feature = Scene['features'][number];
/** A cordon as last drawn: its radius if a circle about the scene, its corners if freehand. */
function drawnCordon(major: MajorIncidentView, which: Cordon): { radius: string; corners: string } {
  const f: Feature | undefined = major.scene?.features.find((x) => x.properties.kind === `${which}-cordon`);
  if (!f || f.geometry.type !== 'Polygon') return { radius: '', corners: '' };
  const ring = f.geometry.coordinates[0]!;
  if (f.properties.freehand) return { radius: '', corners: pointsText(ring.slice(0, -1).map(([lon, lat]) => ({ lat, lon }))) };
  // Circles drawn before the radius was kept: the first vertex lies due north of the centre.
  return { radius: String(f.properties.radiusM ?? Math.round((ring[0]![1] - major.location.lat) * 111_320)), corners: '' };
}

/**
 * Cordons about the scene (circles, or polygons drawn corner by corner on the map or typed) and the
 * points the coordinator places; who and which cameras are inside them.
 */
export function ScenePanel({ major, onDraw }: { major: MajorIncidentView; onDraw: (s: SceneInput) => void }) {
  const store = useConsoleStore();
  const host = useHost();
  const [cameras, setCameras] = useState<Camera[]>([]);
  useEffect(() => {
    void host.call('listCameras', {}).then((r) => r.ok && setCameras(r.value));
  }, [host]);
  const draft = useConsole((s) => s.draftLocation);
  const units = useConsole((s) => s.units);
  const feature = (kind: string) => major.scene?.features.find((f) => f.properties.kind === kind);
  const point = (kind: Point) => {
    const f = feature(kind);
    return f && f.geometry.type === 'Point' ? formatLatLon({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) : '';
  };
  const route = () => {
    const f = feature('access-route');
    return f && f.geometry.type === 'LineString' ? pointsText(f.geometry.coordinates.map(([lon, lat]) => ({ lat, lon }))) : '';
  };
  const [radius, setRadius] = useState<Record<Cordon, string>>(() => ({ inner: drawnCordon(major, 'inner').radius, outer: drawnCordon(major, 'outer').radius }));
  const [corners, setCorners] = useState<Record<Cordon, string>>(() => ({ inner: drawnCordon(major, 'inner').corners, outer: drawnCordon(major, 'outer').corners }));
  const [points, setPoints] = useState<Record<Point, string>>(() => ({ rvp: point('rvp'), marshalling: point('marshalling'), route: route() }));
  const [picking, setPicking] = useState<Point | null>(null);
  /** The cordon being drawn on the map, and its corners before (what Esc puts back). */
  const [drawing, setDrawing] = useState<{ which: Cordon; before: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!draft) return;
    if (drawing) {
      // Each click is a corner; the map stays in drawing mode until Enter or Esc.
      setCorners((c) => ({ ...c, [drawing.which]: c[drawing.which].trim() ? `${c[drawing.which]}; ${formatLatLon(draft)}` : formatLatLon(draft) }));
      store.getState().setPickingLocation(true);
    } else if (picking) {
      // A route grows a point at a time; the RVP and marshalling area are one point each.
      setPoints((p) => ({ ...p, [picking]: picking === 'route' && p.route.trim() ? `${p.route}; ${formatLatLon(draft)}` : formatLatLon(draft) }));
      setPicking(null);
    }
    // Only a new map click adds a corner or fills the field being picked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  // The cordon being drawn shows on the map as it grows.
  useEffect(() => {
    if (!drawing) return store.getState().setSceneDraft(null);
    const parsed = parsePoints(corners[drawing.which], CORDON_NAMES[drawing.which]);
    store.getState().setSceneDraft(parsed.ok ? { kind: `${drawing.which}-cordon`, points: parsed.value } : null);
  }, [store, drawing, corners]);
  useEffect(() => () => store.getState().setSceneDraft(null), [store]);

  const input = (): SceneInput | string => {
    const out: SceneInput = {};
    for (const which of ['inner', 'outer'] as const) {
      if (corners[which].trim()) {
        const parsed = parsePoints(corners[which], CORDON_NAMES[which]);
        if (!parsed.ok) return parsed.error;
        out[`${which}Cordon`] = parsed.value;
      } else if (radius[which].trim()) {
        const n = Number(radius[which]);
        if (!(n >= 10)) return 'A cordon radius is a number of metres, 10 or more.';
        out[`${which}RadiusM`] = n;
      }
    }
    for (const kind of ['rvp', 'marshalling'] as const) {
      if (!points[kind].trim()) continue;
      const p = parseLatLon(points[kind]);
      if (!p.ok) return `${kind === 'rvp' ? 'RVP' : 'Marshalling area'}: ${p.error}`;
      out[kind] = p.value;
    }
    if (points.route.trim()) {
      const parsed = parsePoints(points.route, 'Access route');
      if (!parsed.ok) return parsed.error;
      out.accessRoute = parsed.value;
    }
    return out;
  };
  const draw = () => {
    const s = input();
    if (typeof s === 'string') return setError(s);
    setError(null);
    onDraw(s);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    draw();
  };

  const stopPicking = () => {
    store.getState().setPickingLocation(false);
    store.getState().setDraftLocation(null);
  };
  const pick = (kind: Point) => {
    setDrawing(null);
    setPicking(kind);
    store.getState().setDraftLocation(null);
    store.getState().setPickingLocation(true);
  };
  const startDrawing = (which: Cordon) => {
    setPicking(null);
    // A polygon replaces the circle: one cordon is one or the other.
    setRadius((r) => ({ ...r, [which]: '' }));
    setDrawing({ which, before: corners[which] });
    setCorners((c) => ({ ...c, [which]: '' }));
    store.getState().setDraftLocation(null);
    store.getState().setPickingLocation(true);
  };

  // While drawing, Enter finishes the cordon and draws the scene; Esc puts back what was there.
  const latest = useRef({ drawing, draw });
  latest.current = { drawing, draw };
  const finishing = useRef(false);
  useEffect(() => {
    if (!drawing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      const d = latest.current.drawing!;
      stopPicking();
      setDrawing(null);
      if (e.key === 'Escape') setCorners((c) => ({ ...c, [d.which]: d.before }));
      else finishing.current = true;
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // stopPicking reads the store only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawing]);
  // Drawn once the last corner is in the state Enter finished with.
  useEffect(() => {
    if (!finishing.current || drawing) return;
    finishing.current = false;
    latest.current.draw();
  }, [drawing]);

  const inside = { 'inner-cordon': 0, 'outer-cordon': 0 };
  for (const u of Object.values(units)) {
    const c = u.fix ? cordonAt(major.scene, u.fix) : null;
    if (c) inside[c]++;
  }
  const camerasInside = cameras.filter((c) => cordonAt(major.scene, c) !== null);

  return (
    <section className="major-box" aria-label="Scene">
      <h3>Scene</h3>
      {major.stoodDownAt === null && (
        <form className="scene-form" onSubmit={submit}>
          {(['inner', 'outer'] as const).map((which) => (
            <fieldset key={which} className="cordon">
              <legend>{CORDON_NAMES[which]}</legend>
              <span className="row">
                <label>
                  Radius (m)
                  <input id={`scene-${which}`} inputMode="numeric" size={6} value={radius[which]} disabled={!!corners[which].trim()} onChange={(e) => setRadius({ ...radius, [which]: e.target.value })} />
                </label>
                <label className="grow">
                  or corners (lat, lon; …)
                  <input id={`scene-${which}-corners`} value={corners[which]} placeholder="lat, lon; lat, lon; lat, lon" onChange={(e) => setCorners({ ...corners, [which]: e.target.value })} />
                </label>
                <button type="button" id={`scene-${which}-draw`} className={drawing?.which === which ? 'active' : ''} onClick={() => startDrawing(which)}>
                  {drawing?.which === which ? 'Drawing…' : 'Draw on map'}
                </button>
              </span>
            </fieldset>
          ))}
          {drawing && (
            <p className="hint drawing-hint" role="status">
              Click the corners of the {drawing.which} cordon on the map · <kbd>Enter</kbd> to finish · <kbd>Esc</kbd> to cancel
            </p>
          )}
          {(['rvp', 'marshalling'] as const).map((kind) => (
            <label key={kind}>
              {kind === 'rvp' ? 'Rendezvous point (RVP)' : 'Marshalling area'}
              <span className="row">
                <input id={`scene-${kind}`} value={points[kind]} placeholder="lat, lon" onChange={(e) => setPoints({ ...points, [kind]: e.target.value })} />
                <button type="button" className={picking === kind ? 'active' : ''} onClick={() => pick(kind)}>
                  {picking === kind ? 'Click the map…' : 'Pick on map'}
                </button>
              </span>
            </label>
          ))}
          <label>
            Access route (points separated by ;)
            <span className="row">
              <input id="scene-route" value={points.route} placeholder="lat, lon; lat, lon" onChange={(e) => setPoints({ ...points, route: e.target.value })} />
              <button type="button" className={picking === 'route' ? 'active' : ''} onClick={() => pick('route')}>
                {picking === 'route' ? 'Click the map…' : 'Add point on map'}
              </button>
            </span>
          </label>
          <FormError error={error} />
          <button type="submit" id="scene-draw">
            Draw on the map
          </button>
        </form>
      )}
      {major.scene && (
        <p className="scene-inside" data-field="units-inside">
          Units inside: inner cordon {inside['inner-cordon']}, outer cordon {inside['outer-cordon']}
        </p>
      )}
      {major.scene && (
        <p className="scene-inside" data-field="cameras-inside">
          Cameras inside the cordons: {camerasInside.length ? camerasInside.map((c) => c.name).join(', ') : 'none'}
        </p>
      )}
    </section>
  );
}
