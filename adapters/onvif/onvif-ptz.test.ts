import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifTestDevice } from '../../test/support/onvif-device.js';
import { OnvifPtz } from './onvif-ptz.js';

let device: OnvifTestDevice;
beforeAll(async () => {
  device = await OnvifTestDevice.start({ user: 'ptzop', pass: 'Ptz-Pw2' });
});
afterAll(async () => device.stop());

describe('PTZ over ONVIF against a device that checks WS-Security digests', () => {
  it('moves continuously until told to stop, and reports the new position', async () => {
    const ptz = new OnvifPtz(device.url, { user: 'ptzop', pass: 'Ptz-Pw2' });
    const before = await ptz.status();
    expect(before).toEqual({ ok: true, value: { position: { pan: 0, tilt: 0, zoom: 0 }, moving: false } });
    expect(await ptz.move({ pan: 1, tilt: 0, zoom: 0 })).toEqual({ ok: true, value: undefined });
    await new Promise((r) => setTimeout(r, 300));
    expect(await ptz.stop()).toEqual({ ok: true, value: undefined });
    const after = await ptz.status();
    if (!after.ok) throw new Error(after.error);
    expect(after.value.position.pan).toBeGreaterThan(0.1);
    expect(after.value.moving).toBe(false);
    expect(device.calls.every((c) => c.authorised)).toBe(true);
    expect(device.calls.map((c) => c.action)).toEqual(expect.arrayContaining(['GetSystemDateAndTime', 'GetCapabilities', 'GetProfiles', 'GetVideoSources', 'ContinuousMove', 'Stop', 'GetStatus']));
  });

  it('lists presets, goes to one by name, and moves to an absolute position', async () => {
    const ptz = new OnvifPtz(device.url, { user: 'ptzop', pass: 'Ptz-Pw2' });
    expect(await ptz.listPresets()).toEqual({ ok: true, value: [{ name: 'Market', token: 'p1' }, { name: 'Bridge', token: 'p2' }] });
    expect((await ptz.gotoPreset('Bridge')).ok).toBe(true);
    expect(device.position).toEqual({ pan: -0.75, tilt: 0, zoom: 0 });
    expect(await ptz.gotoPreset('Nowhere')).toEqual({ ok: false, error: 'the camera has no preset called "Nowhere"' });
    expect((await ptz.absoluteMove({ pan: 0.25, tilt: 0.1, zoom: 0.5 })).ok).toBe(true);
    expect(device.position).toEqual({ pan: 0.25, tilt: 0.1, zoom: 0.5 });
  });

  it('says "wrong password" when the device refuses the digest', async () => {
    const ptz = new OnvifPtz(device.url, { user: 'ptzop', pass: 'guess' });
    expect(await ptz.status()).toEqual({ ok: false, error: 'wrong password (or user name) for the camera' });
  });

  it('says so when the camera cannot do an absolute move, or cannot be reached', async () => {
    const fixedHead = await OnvifTestDevice.start({ user: 'u', pass: 'p', absoluteMove: false });
    try {
      const ptz = new OnvifPtz(fixedHead.url, { user: 'u', pass: 'p' });
      expect(await ptz.absoluteMove({ pan: 0, tilt: 0, zoom: 0 })).toEqual({ ok: false, error: 'the camera cannot go to an absolute position' });
    } finally {
      await fixedHead.stop();
    }
    const gone = new OnvifPtz('http://127.0.0.1:1/onvif/device_service', { user: 'u', pass: 'p' });
    expect(await gone.stop()).toEqual({ ok: false, error: 'the camera refused the connection: check its ONVIF address' });
  });
});
