import type http from 'node:http';
import type { WebSocket } from 'ws';
import { grabJpeg } from '../../../adapters/ffmpeg/snapshot.js';
import type { Camera } from '../../../shared/cctv/registry.js';
import { type ApiRouteHandler, sendJson } from '../http-server.js';
import type { Caller } from '../../../shared/auth/roles.js';
import { type CameraCredentialStore, withCredential } from './credentials.js';
import type { StreamHub } from './stream-hub.js';

const LIVE = /^\/api\/cameras\/([^/]+)\/live$/;
const SNAPSHOT = /^\/api\/cameras\/([^/]+)\/snapshot$/;

/**
 * `/api/cameras/{id}/live`: a camera's video on a WebSocket, as fragmented MP4, or over WebRTC
 * (`?transport=webrtc`) with the call set up on this same authenticated socket.
 */
export function videoSockets(hub: StreamHub): (url: URL, caller: Caller) => ((ws: WebSocket) => void) | null {
  return (url, caller) => {
    const m = LIVE.exec(url.pathname);
    if (!m) return null;
    const id = decodeURIComponent(m[1]!);
    const where = url.searchParams.get('where') === 'wall' ? 'wall' : 'desk';
    // Who watched is the session's operator: the audit of viewing rests on it.
    const transport = url.searchParams.get('transport') === 'webrtc' ? 'webrtc' : 'fmp4';
    return (ws) => hub.watch(ws, id, caller.operator, where, transport);
  };
}

/** `GET /api/cameras/{id}/snapshot`: a JPEG of the camera's picture now, or 503 with the reason. */
export function snapshotRoute(deps: {
  camera(id: string): Camera | undefined;
  credentials: CameraCredentialStore;
  /** Journals the still as seen by the caller; false when the journal cannot, and then none is taken. */
  viewed(caller: Caller, cameraId: string): Promise<boolean>;
  ffmpeg?: string;
}): ApiRouteHandler {
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, caller: Caller) => {
    const m = SNAPSHOT.exec(url.pathname);
    if (!m || req.method !== 'GET') return false;
    const camera = deps.camera(decodeURIComponent(m[1]!));
    if (!camera) return (sendJson(res, 404, { ok: false, error: `No camera ${m[1]} in the registry.` }), true);
    const url0 = camera.rtspSub ?? camera.rtspMain;
    if (!url0) return (sendJson(res, 503, { ok: false, error: `${camera.name} has no RTSP address in the registry.` }), true);
    if (!(await deps.viewed(caller, camera.id))) return (sendJson(res, 503, { ok: false, error: 'Not taken: the journal could not record that you viewed this camera.' }), true);
    const r = await grabJpeg(withCredential(url0, deps.credentials.get(camera.id)?.rtsp), camera.transport ?? 'tcp', deps.ffmpeg ? { ffmpeg: deps.ffmpeg } : {});
    if (!r.ok) return (sendJson(res, 503, { ok: false, error: `No picture from ${camera.name}: ${r.error}.` }), true);
    res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store', 'content-length': r.jpeg.length });
    res.end(r.jpeg);
    return true;
  };
}
