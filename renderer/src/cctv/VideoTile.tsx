import { useHost } from '../host/HostContext.js';
import { useEffect, useRef, useState } from 'react';
import type { CameraView } from '../../../shared/cctv/schemas.js';
import { formatClock } from '../safety/alarmModel.js';
import { useNow } from '../useNow.js';
import { acceptsCamera, droppedCamera } from './dragCamera.js';
import { LivePlayer, liveUrl, type PlayerStatus } from './livePlayer.js';
import { STATE_LABELS, tileView } from './tileModel.js';

interface Props {
  index: number;
  camera: CameraView | null;
  /** The id placed in the tile, even when the registry no longer has it. */
  cameraId: string | null;
  selected: boolean;
  /** Who is watching: another operator at the desk reopens the picture under their own session, so the audit names them. */
  operator: string;
  where: 'desk' | 'wall';
  onSelect?(): void;
  /** A camera dragged onto the tile (the desk only; the wall takes no input). */
  onDropCamera?(cameraId: string): void;
}

const IDLE: PlayerStatus = { state: 'connecting', error: null, lastFrameAt: 0, transcoded: false, transport: null };
const TRANSPORT_LABELS = { webrtc: 'WebRTC', fmp4: 'fMP4' } as const;

/** One camera in a tile: its name, a live clock, its state and the age of the last frame. */
export function VideoTile({ index, camera, cameraId, selected, operator, where, onSelect, onDropCamera }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<PlayerStatus>(IDLE);
  const now = useNow(500);
  const id = camera?.id ?? null;
  const host = useHost();

  useEffect(() => {
    if (!id || !video.current) return;
    setStatus(IDLE);
    // Each connection asks the host for a ticket and its address: Electron's window is not on the host's origin.
    const address = async () => {
      const t = await host.call('createStreamTicket', {});
      if (!t.ok) throw new Error(t.error);
      // A browser opens it where it reached the console (a LAN name, localhost); Electron at the host's own address.
      return liveUrl(window.beacon ? t.value.base : document.baseURI, id, where, t.value.ticket);
    };
    const player = new LivePlayer(video.current, address, setStatus);
    return () => player.close();
  }, [id, operator, where, host]);

  const view = tileView(status, Date.now());
  const gone = cameraId && !camera;
  return (
    <div
      className={`cctv-tile${selected ? ' selected' : ''}`}
      data-tile={index + 1}
      data-camera-id={cameraId ?? ''}
      data-state={camera ? view.state : gone ? 'no_signal' : 'empty'}
      data-transport={(camera && status.transport) ?? ''}
      onClick={onSelect}
      onDragOver={(e) => onDropCamera && acceptsCamera(e) && e.preventDefault()}
      onDrop={(e) => {
        const id = droppedCamera(e);
        if (id && onDropCamera) {
          e.preventDefault();
          onDropCamera(id);
        }
      }}
    >
      {camera && <video ref={video} muted playsInline autoPlay />}
      <div className="cctv-tile-head">
        <span className="cctv-tile-number">{index + 1}</span>
        <span className="cctv-tile-name">{camera?.name ?? (gone ? `${cameraId} (not in the registry)` : 'empty')}</span>
        <span className="cctv-tile-clock">{formatClock(now)}</span>
      </div>
      {camera && (
        <div className={`cctv-tile-foot state-${view.state}`}>
          <span className="cctv-tile-state">{STATE_LABELS[view.state]}</span>
          {status.transcoded && <span className="cctv-tile-note">H.265 → H.264</span>}
          {status.transport && (
            <span className="cctv-tile-transport" title={status.transport === 'webrtc' ? 'over WebRTC' : 'fragmented MP4 over the console’s socket (WebRTC fallback)'}>
              {TRANSPORT_LABELS[status.transport]}
            </span>
          )}
          <span className="cctv-tile-age">{view.age}</span>
          {view.detail && view.state !== 'live' && <span className="cctv-tile-detail">{view.detail}</span>}
        </div>
      )}
    </div>
  );
}
