import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destination } from '../../shared/geo/geometry.js';
import { OnvifTestDevice } from '../support/onvif-device.js';
import { browserUnavailable, openConsole, useConsoleSession } from './support/console.js';
import { eventually, expectContainsText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the cameras-on-the-map e2e test: ${skip}`);

const CAM = { lat: 52.5722, lon: -0.244, range: 200 };

/** Where a place is on the page, in CSS pixels. */
async function onPage(page: Page, p: { lat: number; lon: number }): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const at = await page.evaluate((ll) => window.__beaconMap!.project([ll.lon, ll.lat]), p);
  return { x: box.x + at.x, y: box.y + at.y };
}

describe.skipIf(!!skip)('cameras on the map, in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-cammap-', {}, undefined, { width: 1280, height: 720 });
  let onvif: OnvifTestDevice;
  beforeAll(async () => {
    onvif = await OnvifTestDevice.start({ user: 'ptzop', pass: 'Ptz-Pw2' });
  });
  afterAll(async () => onvif?.stop());

  it('a supervisor drags a camera to where it stands and turns its cone; a preset mark sends the camera there', async () => {
    const { page } = s.browser;
    const onvifUrl = onvif.url.replace('http://', 'http://ptzop:Ptz-Pw2@');
    const csv = [
      'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport',
      `cam-ptz,Cathedral PTZ,${CAM.lat},${CAM.lon},0,60,${CAM.range},true,,,${onvifUrl},Market@120;Bridge@265,`,
    ].join('\n');
    expect((await s.api('/api/cameras/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(200);
    await openConsole(page, s.host.url);
    // The cameras layer is on by default (Shift+C hides it).
    await page.evaluate((c) => window.__beaconMap!.jumpTo({ center: [c.lon, c.lat], zoom: 17 }), CAM);
    await page.waitForTimeout(500);

    // Drag the camera 40 m east: it is moved there, journaled in the supervisor's name.
    const from = await onPage(page, CAM);
    const east = destination(CAM, 90, 40);
    const to = await onPage(page, east);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, to.y, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await expectContainsText(page.locator('.notice, [role="status"]'), 'Cathedral PTZ moved');
    const camera = async () => ((await (await s.api('/api/cameras')).json()) as { value: { id: string; lat: number; lon: number; bearing: number }[] }).value.find((c) => c.id === 'cam-ptz')!;
    const moved = await camera();
    expect(Math.abs(moved.lon - east.lon)).toBeLessThan(0.00005);
    expect(Math.abs(moved.lat - CAM.lat)).toBeLessThan(0.00005);

    // Alt+drag from it towards a point due south: its cone turns to 180°.
    const here = await onPage(page, moved);
    const south = await onPage(page, destination(moved, 180, 60));
    await page.keyboard.down('Alt');
    await page.mouse.move(here.x, here.y);
    await page.mouse.down();
    await page.mouse.move(south.x, south.y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await eventually(async () => expect(Math.abs((await camera()).bearing - 180)).toBeLessThanOrEqual(1));
    expect((await camera()).lon).toBe(moved.lon);

    // The "Bridge" preset's mark (drawn 80 % of the range out along 265°): a click opens the camera and turns it there.
    const mark = await onPage(page, destination(await camera(), 265, CAM.range * 0.8));
    await page.mouse.click(mark.x, mark.y);
    await eventually(() => expect(onvif.position).toEqual({ pan: -0.75, tilt: 0, zoom: 0 }));

    s.host.service.flush();
    const acts = s.host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.changed', 'camera.ptz'] }).map((r) => r.event);
    expect(acts).toEqual([
      expect.objectContaining({ type: 'camera.changed', by: 'supervisor', camera: expect.objectContaining({ id: 'cam-ptz', bearing: 0 }) }),
      expect.objectContaining({ type: 'camera.changed', by: 'supervisor', camera: expect.objectContaining({ id: 'cam-ptz', bearing: 180 }) }),
      expect.objectContaining({ type: 'camera.ptz', by: 'supervisor', act: { kind: 'preset', preset: 'Bridge' } }),
    ]);
    await page.screenshot({ path: 'test-results/camera-map-1280x720.png' });
  });
});
