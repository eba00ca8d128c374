import { Cam } from 'onvif';
import type { Credential } from '../../shared/cctv/registry.js';

export interface PtzPosition {
  /** ONVIF generic space: pan and tilt -1…1, zoom 0…1. */
  pan: number;
  tilt: number;
  zoom: number;
}
export interface PtzStatus {
  position: PtzPosition;
  moving: boolean;
}
export interface PtzPreset {
  token: string;
  name: string;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * What went wrong, in an operator's words. The library reports a rejected password as a failed
 * or unsupported GetCapabilities (it falls back to it silently when GetServices is refused), so
 * both that and a plain NotAuthorized fault read as a wrong password.
 */
function ptzFault(action: string, err: Error | null | undefined): string {
  const m = `${err?.message ?? err ?? ''}`;
  const code = (err as { code?: string } | null)?.code ?? '';
  if (/NotAuthori[sz]ed|not authori[sz]ed|authentication failed|\b401\b|Unauthori[sz]ed/i.test(m) || /GetCapabilities/i.test(m)) return 'wrong password (or user name) for the camera';
  if (code === 'ECONNREFUSED') return 'the camera refused the connection: check its ONVIF address';
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /Network timeout/i.test(m)) return 'the camera did not answer';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the camera address cannot be found';
  if (/ActionNotSupported|not implemented|not supported/i.test(m)) return `the camera cannot ${action}`;
  if (/InvalidArgVal|No such preset/i.test(m)) return `the camera refused to ${action}: it does not know that value`;
  return `the camera could not ${action} (${m.slice(0, 160) || 'no reason given'})`;
}

/**
 * One PTZ camera over ONVIF (the `onvif` package): connects once, then moves, stops, goes to
 * presets, reads its position. Every failure comes back as a sentence, never a throw.
 */
export class OnvifPtz {
  private cam: Cam;
  private connected: Promise<Outcome<void>> | null = null;
  private presets: PtzPreset[] | null = null;

  constructor(url: string, credential: Credential | undefined, opts: { timeoutMs?: number } = {}) {
    const u = new URL(url);
    this.cam = new Cam({
      hostname: u.hostname,
      port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80),
      path: u.pathname || '/onvif/device_service',
      useSecure: u.protocol === 'https:',
      ...(credential && { username: credential.user, password: credential.pass }),
      timeout: opts.timeoutMs ?? 5000,
      autoconnect: false,
      // Use the address the registry gives, not the one the camera reports (which may be behind NAT).
      preserveAddress: true,
    });
    // The library emits warnings (a missing media source); they end up in the answers, not the console.
    this.cam.on('error', () => undefined);
    this.cam.on('warning', () => undefined);
  }

  private connect(): Promise<Outcome<void>> {
    this.connected ??= new Promise<Outcome<void>>((resolve) => {
      try {
        this.cam.connect((err) => {
          if (err) return resolve({ ok: false, error: ptzFault('be reached over ONVIF', err) });
          if (!(this.cam as unknown as { activeSource?: unknown }).activeSource) return resolve({ ok: false, error: 'the camera has no video profile to move' });
          resolve({ ok: true, value: undefined });
        });
      } catch (err) {
        resolve({ ok: false, error: ptzFault('be reached over ONVIF', err as Error) });
      }
    }).then((r) => {
      // A failed connection is tried afresh next time (a password fixed, a camera back on).
      if (!r.ok) this.connected = null;
      return r;
    });
    return this.connected;
  }

  private async call<T>(action: string, run: (done: (err: Error | null, data?: unknown) => void) => void, map: (data: unknown) => T): Promise<Outcome<T>> {
    const c = await this.connect();
    if (!c.ok) return c;
    return new Promise((resolve) => {
      try {
        run((err, data) => (err ? resolve({ ok: false, error: ptzFault(action, err) }) : resolve({ ok: true, value: map(data) })));
      } catch (err) {
        resolve({ ok: false, error: ptzFault(action, err as Error) });
      }
    });
  }

  /** Starts moving at these speeds (-1…1); it keeps moving until `stop`. */
  move(v: PtzPosition): Promise<Outcome<void>> {
    return this.call('move', (done) => this.cam.continuousMove({ x: v.pan, y: v.tilt, zoom: v.zoom }, done), () => undefined);
  }

  stop(): Promise<Outcome<void>> {
    return this.call('stop', (done) => this.cam.stop({ panTilt: true, zoom: true }, done), () => undefined);
  }

  async listPresets(): Promise<Outcome<PtzPreset[]>> {
    const r = await this.call('list its presets', (done) => this.cam.getPresets({}, done), (data) =>
      Object.entries((data ?? {}) as Record<string, { $?: { token?: string } }>).map(([name, p]) => ({ name, token: String(p.$?.token ?? name) })),
    );
    if (r.ok) this.presets = r.value;
    return r;
  }

  /** Goes to the preset of this name (as the registry and the camera both call it). */
  async gotoPreset(name: string): Promise<Outcome<void>> {
    let preset = this.presets?.find((p) => p.name === name);
    if (!preset) {
      const list = await this.listPresets();
      if (!list.ok) return list;
      preset = list.value.find((p) => p.name === name);
    }
    if (!preset) return { ok: false, error: `the camera has no preset called "${name}"` };
    const token = preset.token;
    return this.call(`go to preset "${name}"`, (done) => this.cam.gotoPreset({ preset: token }, done), () => undefined);
  }

  absoluteMove(p: PtzPosition): Promise<Outcome<void>> {
    return this.call('go to an absolute position', (done) => this.cam.absoluteMove({ x: p.pan, y: p.tilt, zoom: p.zoom }, done), () => undefined);
  }

  status(): Promise<Outcome<PtzStatus>> {
    return this.call('report its position', (done) => this.cam.getStatus({}, done), (data) => {
      const s = data as { position: { x: number | string; y: number | string; zoom: number | string }; moveStatus?: { panTilt?: string; zoom?: string } };
      const moving = [s.moveStatus?.panTilt, s.moveStatus?.zoom].some((m) => typeof m === 'string' && m.toUpperCase() === 'MOVING');
      return { position: { pan: Number(s.position.x), tilt: Number(s.position.y), zoom: Number(s.position.zoom) }, moving };
    });
  }
}
