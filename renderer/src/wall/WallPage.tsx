import '../cctv/cctv.css';
import { useEffect, useState } from 'react';
import { columnsOf, type WallLayout } from '../../../shared/cctv/layouts.js';
import type { CameraView } from '../../../shared/cctv/schemas.js';
import { VideoTile } from '../cctv/VideoTile.js';
import { useHost } from '../host/HostContext.js';

/** How often the wall asks what it should show: an operator's "send to wall" appears within it. */
const POLL_MS = 1000;

/**
 * The video wall (`/wall`): a layout operators drive from their desks ("send this camera to wall
 * tile 3"), shown full screen on another display. It only watches; it has no controls.
 */
export function WallPage() {
  const host = useHost();
  const [wall, setWall] = useState<WallLayout>({ size: 4, tiles: [] });
  const [cameras, setCameras] = useState<Record<string, CameraView>>(() => Object.create(null) as Record<string, CameraView>);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const [w, c] = await Promise.all([host.call('getWall', {}), host.call('listCameras', {})]);
      if (!live) return;
      if (w.ok) setWall((prev) => (JSON.stringify(prev) === JSON.stringify(w.value) ? prev : w.value));
      if (c.ok) setCameras((prev) => {
        const next = Object.assign(Object.create(null) as Record<string, CameraView>, Object.fromEntries(c.value.map((x) => [x.id, x])));
        // Only a change of registry redraws the tiles; states come over each tile's own socket.
        return Object.keys(prev).join() === Object.keys(next).join() ? prev : next;
      });
      setError(w.ok ? null : w.error);
    };
    void load();
    const t = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [host]);

  const cols = columnsOf(wall.size);
  return (
    <section className="cctv-view wall" aria-label="Video wall">
      {error && <div className="cctv-bar">{error}</div>}
      <div className="cctv-grid" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${cols}, 1fr)` }}>
        {Array.from({ length: wall.size }, (_, i) => {
          const id = wall.tiles[i] ?? null;
          return <VideoTile key={i} index={i} cameraId={id} camera={id ? (cameras[id] ?? null) : null} selected={false} operator="video wall" where="wall" />;
        })}
      </div>
    </section>
  );
}
