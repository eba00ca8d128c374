import fs from 'node:fs';
import path from 'node:path';
import type { CameraCredentials } from '../../../shared/cctv/registry.js';
import type { CameraCredentialPort } from '../../../shared/cctv/cctv-operations.js';

const CREDENTIALS_FILE = 'camera-credentials.json';

/**
 * Camera user names and passwords, by camera id, in the data folder (mode 0600). They are split
 * off the URLs on import so that neither the journal's events nor anything sent to a console
 * carries them; only the host reads this file, when it pulls a stream or moves a camera.
 */
export class CameraCredentialStore implements CameraCredentialPort {
  readonly file: string;
  private readonly byCamera = new Map<string, CameraCredentials>();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, CREDENTIALS_FILE);
    if (!fs.existsSync(this.file)) return;
    const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, CameraCredentials>;
    for (const [id, c] of Object.entries(data)) this.byCamera.set(id, c);
    // A file copied in by hand may be readable by others: tighten it rather than leave it so.
    fs.chmodSync(this.file, 0o600);
  }

  get(cameraId: string): CameraCredentials | undefined {
    return this.byCamera.get(cameraId);
  }

  /** Records each camera's credentials; a camera imported without any loses those it had. */
  save(entries: Iterable<[string, CameraCredentials]>): void {
    for (const [id, c] of entries) {
      if (c.rtsp || c.onvif) this.byCamera.set(id, c);
      else this.byCamera.delete(id);
    }
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.byCamera), null, 2), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
}

/** `rtsp://cam/stream` with the stored user and password put back, for the host's own use only. */
export function withCredential(url: string, c: { user: string; pass: string } | undefined): string {
  if (!c) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(c.user);
  u.password = encodeURIComponent(c.pass);
  return u.href;
}
