import { type FormEvent, useEffect, useState } from 'react';
import { cordonAt, type SceneInput } from '../../../shared/major/scene.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { formatLatLon, parseLatLon } from '../incidents/parseLatLon.js';
import type { Camera } from '../../../shared/safety/cameras.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';

type Point = 'rvp' | 'marshalling' | 'route';

/** Cordons about the scene and the points the coordinator places on the map; who is inside them. */
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
  const radius = (kind: string) => {
    const f = feature(kind);
    if (!f || f.geometry.type !== 'Polygon') return '';
    // The first vertex lies due north of the centre: its latitude gives the radius back.
    const lat = f.geometry.coordinates[0]![0]![1];
    return String(Math.round((lat - major.location.lat) * 111_320));
  };
  const point = (kind: Point) => {
    const f = feature(kind);
    return f && f.geometry.type === 'Point' ? formatLatLon({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) : '';
  };
  const [inner, setInner] = useState(() => radius('inner-cordon'));
  const [outer, setOuter] = useState(() => radius('outer-cordon'));
  const route = () => {
    const f = feature('access-route');
    return f && f.geometry.type === 'LineString' ? f.geometry.coordinates.map(([lon, lat]) => formatLatLon({ lat, lon })).join('; ') : '';
  };
  const [points, setPoints] = useState<Record<Point, string>>(() => ({ rvp: point('rvp'), marshalling: point('marshalling'), route: route() }));
  const [picking, setPicking] = useState<Point | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (draft && picking) {
      // A route grows a point at a time; the RVP and marshalling area are one point each.
      setPoints((p) => ({ ...p, [picking]: picking === 'route' && p.route.trim() ? `${p.route}; ${formatLatLon(draft)}` : formatLatLon(draft) }));
      setPicking(null);
    }
    // Only a new map click fills the field being picked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  const inside = { 'inner-cordon': 0, 'outer-cordon': 0 };
  for (const u of Object.values(units)) {
    const c = u.fix ? cordonAt(major.scene, u.fix) : null;
    if (c) inside[c]++;
  }
  const camerasInside = cameras.filter((c) => cordonAt(major.scene, c) !== null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: SceneInput = {};
    for (const [key, text] of [['innerRadiusM', inner], ['outerRadiusM', outer]] as const) {
      if (!text.trim()) continue;
      const n = Number(text);
      if (!(n >= 10)) return setError('A cordon radius is a number of metres, 10 or more.');
      input[key] = n;
    }
    for (const kind of ['rvp', 'marshalling'] as const) {
      if (!points[kind].trim()) continue;
      const p = parseLatLon(points[kind]);
      if (!p.ok) return setError(`${kind === 'rvp' ? 'RVP' : 'Marshalling area'}: ${p.error}`);
      input[kind] = p.value;
    }
    if (points.route.trim()) {
      const route = [];
      for (const text of points.route.split(';')) {
        const p = parseLatLon(text);
        if (!p.ok) return setError(`Access route: ${p.error}`);
        route.push(p.value);
      }
      input.accessRoute = route;
    }
    setError(null);
    onDraw(input);
  };

  const pick = (kind: Point) => {
    setPicking(kind);
    store.getState().setDraftLocation(null);
    store.getState().setPickingLocation(true);
  };

  return (
    <section className="major-box" aria-label="Scene">
      <h3>Scene</h3>
      {major.stoodDownAt === null && (
        <form className="scene-form" onSubmit={submit}>
          <span className="row">
            <label>
              Inner cordon (m)
              <input id="scene-inner" inputMode="numeric" size={6} value={inner} onChange={(e) => setInner(e.target.value)} />
            </label>
            <label>
              Outer cordon (m)
              <input id="scene-outer" inputMode="numeric" size={6} value={outer} onChange={(e) => setOuter(e.target.value)} />
            </label>
          </span>
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
