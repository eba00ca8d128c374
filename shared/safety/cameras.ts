/** A public-space CCTV camera the control room can call up (positions from the council's list). */
export interface Camera {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Pan-tilt-zoom cameras can be turned towards an officer. */
  ptz: boolean;
  /** Fixed cameras: the way they look, degrees from north. */
  bearingDeg?: number;
}

/** Checks a camera list loaded from disk; returns a sentence naming the first bad entry. */
export function checkCameras(data: unknown): { ok: true; cameras: Camera[] } | { ok: false; error: string } {
  if (!Array.isArray(data)) return { ok: false, error: 'the camera list must be a JSON array' };
  const seen = new Set<string>();
  for (const [i, c] of data.entries()) {
    const o = c as Partial<Camera>;
    if (typeof o?.id !== 'string' || !o.id || seen.has(o.id)) return { ok: false, error: `camera ${i} needs a unique "id"` };
    if (typeof o.name !== 'string') return { ok: false, error: `camera ${o.id} needs a "name"` };
    if (typeof o.lat !== 'number' || Math.abs(o.lat) > 90 || typeof o.lon !== 'number' || Math.abs(o.lon) > 180)
      return { ok: false, error: `camera ${o.id} needs "lat" and "lon" in degrees` };
    if (typeof o.ptz !== 'boolean') return { ok: false, error: `camera ${o.id} needs "ptz" true or false` };
    seen.add(o.id);
  }
  return { ok: true, cameras: data as Camera[] };
}
