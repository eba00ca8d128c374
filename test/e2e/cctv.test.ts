import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifTestDevice } from '../support/onvif-device.js';
import { RtspTestServer } from '../support/rtsp.js';
import { browserUnavailable, openConsole, operatorSession, renderedFeatures, signInBrowser, useConsoleSession } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the CCTV e2e test: ${skip}`);

// The museum camera stands 100 m south of the incident and looks north at it.
const CAMERA = { lat: 52.5710, lon: -0.2450 };
const INCIDENT = { lat: 52.5719, lon: -0.2450 };
const KHAN_PASSWORD = 'cctv-khan-password-1';

/** A cheap fingerprint of what a tile's <video> shows now: changes when the picture does. */
const tilePicture = (page: Page, tile: number) =>
  page.evaluate((n) => {
    const v = document.querySelector<HTMLVideoElement>(`.cctv-tile[data-tile="${n}"] video`);
    if (!v || v.videoWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = 160;
    c.height = 90;
    const g = c.getContext('2d')!;
    g.drawImage(v, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]!) >>> 0;
    return h;
  }, tile);

describe.skipIf(!!skip)('CCTV in Chromium, on real RTSP streams', () => {
  let rtsp: RtspTestServer;
  const s = useConsoleSession('beacon-e2e-cctv-', {}, undefined, { width: 1280, height: 720 });

  beforeAll(async () => {
    rtsp = await RtspTestServer.start();
    await rtsp.publish('museum');
    await rtsp.publish('market', { hevc: true });
  });
  let onvif: OnvifTestDevice;
  afterAll(async () => {
    await rtsp?.stop();
    await onvif?.stop();
  });

  it('opens the camera that sees an incident, plays it live, shows no signal when it stops and live again when it returns', async () => {
    const { page } = s.browser;
    const csv = [
      'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport',
      `cam-museum,Museum forecourt,${CAMERA.lat},${CAMERA.lon},0,60,150,false,${rtsp.url('museum')},,,,udp`,
      `cam-market,Market (H.265),52.5735,-0.2430,90,60,150,false,${rtsp.url('market')},,,,udp`,
    ].join('\n');
    const imported = await s.api(`/api/cameras/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(((await imported.json()) as { value: unknown }).value).toEqual({ loaded: 2, rejected: [] });
    const created = await s.api(`/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'fly_tipping', location: INCIDENT, description: 'sofa dumped' }),
    });
    expect(created.status).toBe(201);

    // A CCTV operator (who also looks after the camera registry) at their own desk: the audit names them.
    await operatorSession(s.host.url, s.session, 'cctv.khan', ['cctv_operator', 'supervisor'], KHAN_PASSWORD);
    await signInBrowser(s.browser.context, s.host.url, 'cctv.khan', KHAN_PASSWORD);
    // Every camera socket the console opens: each with a fresh one-use ticket standing for the session.
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await openConsole(page, s.host.url);
    // The keyboard alone: the queue (Q), the incident (↓), the cameras that see it (Shift+S).
    await page.keyboard.press('q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+S');
    const tile1 = page.locator('.cctv-tile[data-tile="1"]');
    await expectAttribute(tile1, 'data-camera-id', 'cam-museum');
    await expectContainsText(page.locator('.cctv-sightings'), 'in view, 100 m away');
    await expectAttribute(tile1, 'data-state', 'live', 30_000);

    // Frames arrive over WebRTC: the burnt-in clock and the test pattern move in a <video> fed
    // by an RTCPeerConnection's track, not by Media Source Extensions.
    await expectAttribute(tile1, 'data-transport', 'webrtc');
    const cameraSockets = sockets.filter((u) => u.includes('/api/cameras/'));
    expect(cameraSockets.length).toBeGreaterThan(0);
    const tickets = cameraSockets.map((u) => new URL(u).searchParams.get('ticket'));
    expect(tickets.every((t) => t !== null && t.length >= 32)).toBe(true);
    expect(new Set(tickets).size).toBe(tickets.length);
    const first = await eventually(async () => {
      const p = await tilePicture(page, 1);
      expect(p).not.toBeNull();
      return p;
    });
    await eventually(async () => expect(await tilePicture(page, 1)).not.toBe(first));
    expect(await page.evaluate(() => document.querySelector<HTMLVideoElement>('.cctv-tile[data-tile="1"] video')!.srcObject instanceof MediaStream)).toBe(true);
    await expectContainsText(tile1, 'Museum forecourt');
    await expectContainsText(tile1, 'WebRTC');
    expect(s.host.streams.pulling).toEqual(['cam-museum']);

    // The camera goes off the air: the tile says so, and keeps trying.
    await rtsp.unpublish('museum');
    await expectAttribute(tile1, 'data-state', 'no_signal', 15_000);
    await expectContainsText(tile1, 'trying again');
    await rtsp.publish('museum');
    await expectAttribute(tile1, 'data-state', 'live', 30_000);
    const back = await tilePicture(page, 1);
    await eventually(async () => expect(await tilePicture(page, 1)).not.toBe(back));
    // The same call carries the camera's new stream.
    await expectAttribute(tile1, 'data-transport', 'webrtc');

    // Find the H.265 camera by name into tile 2: shown transcoded to H.264.
    await page.keyboard.press('2');
    await page.keyboard.press('f');
    await page.keyboard.type('market');
    await page.keyboard.press('Enter');
    const tile2 = page.locator('.cctv-tile[data-tile="2"]');
    await expectAttribute(tile2, 'data-camera-id', 'cam-market');
    await expectAttribute(tile2, 'data-state', 'live', 30_000);
    await expectContainsText(tile2, 'H.265 → H.264');
    // x264's High profile, which Chrome declines in SDP, still goes over WebRTC (offered as baseline too).
    await expectAttribute(tile2, 'data-transport', 'webrtc');

    // Dragged in: a camera from the finder's list dropped on tile 4.
    await page.keyboard.press('f');
    await page.keyboard.type('museum');
    await page.locator('.cctv-finder-list li[data-camera-id="cam-museum"]').dragTo(page.locator('.cctv-tile[data-tile="4"]'));
    await expectAttribute(page.locator('.cctv-tile[data-tile="4"]'), 'data-camera-id', 'cam-museum');
    await expectCount(page.locator('.cctv-finder-list'), 0);
    await expectAttribute(page.locator('.cctv-tile[data-tile="4"]'), 'data-state', 'live', 30_000);
    // The dropped-on tile became the selected one; back to the H.265 camera's.
    await expectAttribute(page.locator('.cctv-tile.selected'), 'data-tile', '4');
    await page.keyboard.press('2');

    await page.screenshot({ path: 'test-results/cctv-1280x720.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/cctv-4-1920x1080.png' });
    await page.keyboard.press('l'); // 4 → 9 tiles
    await expectCount(page.locator('.cctv-tile'), 9);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/cctv-1920x1080.png' });

    // Enter enlarges the selected tile, Esc returns to the grid, Esc again closes the view.
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.cctv-tile'), 1);
    await expectAttribute(page.locator('.cctv-tile'), 'data-camera-id', 'cam-market');
    await page.keyboard.press('Escape');
    await expectCount(page.locator('.cctv-tile'), 9);
    await page.keyboard.press('Escape');
    await expectCount(page.locator('.cctv-view'), 0);

    // Nobody watching: the pulls stop, and every view was journaled in the operator's name.
    await eventually(() => expect(s.host.streams.pulling).toEqual([]), 10_000);
    s.host.service.flush();
    const views = s.host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.viewed'] }).map((r) => r.event);
    expect(views).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cameraId: 'cam-museum', by: 'cctv.khan', started: true, where: 'desk' }),
        expect.objectContaining({ cameraId: 'cam-museum', by: 'cctv.khan', started: false }),
        expect.objectContaining({ cameraId: 'cam-market', started: true }),
      ]),
    );

    // The layout is the desk's: reopening the view (V) after a reload brings it back.
    await page.reload();
    await page.waitForSelector('[data-status="link"]:has-text("live")');
    await page.keyboard.press('v');
    await expectCount(page.locator('.cctv-tile'), 9);
    await expectAttribute(page.locator('.cctv-tile[data-tile="2"]'), 'data-camera-id', 'cam-market');
    // K then 2: the desk's second layout (empty so far); K then 1 brings the first back.
    await page.keyboard.press('k');
    await page.keyboard.press('2');
    await expectCount(page.locator('.cctv-tile[data-camera-id="cam-market"]'), 0);
    await page.keyboard.press('k');
    await page.keyboard.press('1');
    await expectAttribute(page.locator('.cctv-tile[data-tile="2"]'), 'data-camera-id', 'cam-market');
    await page.keyboard.press('v');

    // The cameras layer: drawn, hidden and shown with C, and clicking a camera opens it.
    const drawn = async () => (await renderedFeatures(page, 'cameras-dot')).map((p) => p.cameraId);
    await eventually(async () => expect(await drawn()).toContain('cam-museum'), 30_000);
    expect((await renderedFeatures(page, 'cameras-area')).length).toBeGreaterThan(0);
    await page.evaluate(([lon, lat]) => window.__beaconMap!.jumpTo({ center: [lon!, lat!], zoom: 16 }), [CAMERA.lon, CAMERA.lat]);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'test-results/cctv-cameras-layer.png' });
    await page.keyboard.press('Shift+C');
    await eventually(async () => expect(await drawn()).toEqual([]));
    await page.keyboard.press('Shift+C');
    await eventually(async () => expect(await drawn()).toContain('cam-museum'));
    await page.keyboard.press('5');
    const at = await page.evaluate(([lon, lat]) => {
      const map = window.__beaconMap!;
      const p = map.project([lon!, lat!]);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, [CAMERA.lon, CAMERA.lat]);
    await page.mouse.click(at.x, at.y);
    await expectCount(page.locator('.cctv-view'), 1);
    await expectAttribute(page.locator('.cctv-tile.selected'), 'data-camera-id', 'cam-museum');
    await page.keyboard.press('v');
  }, 180_000);

  it('turns a PTZ camera from the keyboard, sends it to a preset, puts it on the wall, and audits it all', async () => {
    const { page } = s.browser;
    onvif = await OnvifTestDevice.start({ user: 'ptzop', pass: 'Ptz-Pw2' });
    const onvifUrl = (user: string, pass: string) => onvif.url.replace('http://', `http://${user}:${pass}@`);
    const csv = [
      'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport',
      `cam-ptz,Cathedral PTZ,52.5722,-0.2440,0,60,250,true,${rtsp.url('museum')},,${onvifUrl('ptzop', 'Ptz-Pw2')},Market@120;Bridge@265,udp`,
      `cam-badpw,Wrong password PTZ,52.5722,-0.2441,0,60,250,true,,,${onvifUrl('ptzop', 'nope')},,`,
      `cam-dead,Dead camera,52.5722,-0.2442,0,60,100,false,rtsp://127.0.0.1:1/none,,,,tcp`,
    ].join('\n');
    const imported = await s.api(`/api/cameras/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(((await imported.json()) as { value: { loaded: number } }).value.loaded).toBe(3);

    await page.keyboard.press('v');
    await page.keyboard.press('3');
    await page.keyboard.press('f');
    await page.keyboard.type('cathedral ptz');
    await expectContainsText(page.locator('.cctv-finder-list li[aria-selected="true"]'), 'Cathedral PTZ');
    await page.keyboard.press('Enter');
    const tile3 = page.locator('.cctv-tile[data-tile="3"]');
    await expectAttribute(tile3, 'data-camera-id', 'cam-ptz');
    await expectContainsText(page.locator('[data-ptz-status]'), 'pan 0.00');

    // Held → the head turns right; let go → an explicit Stop, and the new position is shown.
    await page.keyboard.down('ArrowRight');
    await page.waitForTimeout(600);
    await page.keyboard.up('ArrowRight');
    await eventually(() => expect(onvif.calls.map((c) => c.action)).toContain('Stop'));
    const panned = onvif.position.pan;
    expect(panned).toBeGreaterThan(0.05);
    await expectContainsText(page.locator('[data-ptz-status]'), `pan ${panned.toFixed(2)}`);

    // P then 2: the camera's second preset ("Bridge").
    await page.keyboard.press('p');
    await page.keyboard.press('2');
    await expectContainsText(page.locator('[data-ptz-status]'), 'pan -0.75');
    expect(onvif.position).toEqual({ pan: -0.75, tilt: 0, zoom: 0 });
    expect(onvif.calls.every((c) => c.authorised)).toBe(true);

    // ] turns the camera's cone 5° (a supervisor correcting the registry), journaled.
    await page.keyboard.press(']');
    await eventually(async () => {
      const list = (await (await s.api(`/api/cameras`)).json()) as { value: { id: string; bearing: number }[] };
      expect(list.value.find((c) => c.id === 'cam-ptz')?.bearing).toBe(5);
    });

    // W then 3: the wall (another browser page at /wall) shows the camera in its tile 3, live.
    const wall = await s.browser.context.newPage();
    await wall.goto(`${s.host.url}/wall`);
    await page.bringToFront();
    await page.keyboard.press('w');
    await page.keyboard.press('3');
    const wallTile = wall.locator('.cctv-tile[data-tile="3"]');
    await expectAttribute(wallTile, 'data-camera-id', 'cam-ptz');
    await expectAttribute(wallTile, 'data-state', 'live', 30_000);
    await wall.screenshot({ path: 'test-results/wall-1280x720.png' });
    await wall.close();

    // A wrong password is named as such; a camera that cannot be reached gives a 503 with the reason.
    const bad = await s.api(`/api/cameras/cam-badpw/ptz/move`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pan: 0.5 }) });
    expect(bad.status).toBe(503);
    expect(((await bad.json()) as { error: string }).error).toBe('Wrong password PTZ: wrong password (or user name) for the camera.');
    const jpeg = await s.api(`/api/cameras/cam-ptz/snapshot`);
    expect(jpeg.status).toBe(200);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await jpeg.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);
    const dead = await s.api(`/api/cameras/cam-dead/snapshot`);
    expect(dead.status).toBe(503);
    expect(((await dead.json()) as { error: string }).error).toBe('No picture from Dead camera: the camera refused the connection.');

    s.host.service.flush();
    const acts = s.host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.ptz', 'wall.tile_set', 'camera.changed'] }).map((r) => r.event);
    expect(acts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'camera.ptz', cameraId: 'cam-ptz', by: 'cctv.khan', act: { kind: 'move', pan: 0.5, tilt: 0, zoom: 0 } }),
        expect.objectContaining({ type: 'camera.ptz', cameraId: 'cam-ptz', by: 'cctv.khan', act: { kind: 'stop' } }),
        expect.objectContaining({ type: 'camera.ptz', cameraId: 'cam-ptz', by: 'cctv.khan', act: { kind: 'preset', preset: 'Bridge' } }),
        expect.objectContaining({ type: 'wall.tile_set', tile: 3, cameraId: 'cam-ptz', by: 'cctv.khan' }),
        expect.objectContaining({ type: 'camera.changed', by: 'cctv.khan', camera: expect.objectContaining({ id: 'cam-ptz', bearing: 5 }) }),
      ]),
    );
    expect(JSON.stringify(acts)).not.toContain('Ptz-Pw2');
  }, 120_000);

  it('falls back to fMP4 on the same socket when a WebRTC call does not come up, and keeps playing', async () => {
    // This page's WebRTC never gets the host's offer in: as a browser behind a blocked UDP path.
    const page = await s.browser.context.newPage();
    await page.addInitScript(() => {
      RTCPeerConnection.prototype.setRemoteDescription = () => new Promise<void>(() => undefined);
    });
    await openConsole(page, s.host.url);
    await page.keyboard.press('v');
    await page.keyboard.press('k');
    await page.keyboard.press('3'); // an empty saved layout of this desk
    await page.keyboard.press('1');
    await page.keyboard.press('f');
    await page.keyboard.type('museum');
    await page.keyboard.press('Enter');
    const tile1 = page.locator('.cctv-tile[data-tile="1"]');
    await expectAttribute(tile1, 'data-camera-id', 'cam-museum');
    await expectAttribute(tile1, 'data-transport', 'fmp4', 15_000);
    await expectAttribute(tile1, 'data-state', 'live', 30_000);
    await expectContainsText(tile1, 'fMP4');
    const first = await eventually(async () => {
      const p = await tilePicture(page, 1);
      expect(p).not.toBeNull();
      return p;
    });
    await eventually(async () => expect(await tilePicture(page, 1)).not.toBe(first));
    expect(await page.evaluate(() => document.querySelector<HTMLVideoElement>('.cctv-tile[data-tile="1"] video')!.src)).toMatch(/^blob:/);
    await page.keyboard.press('Delete');
    await page.close();
  }, 90_000);
});
