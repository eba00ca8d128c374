import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, openConsole, signInBrowser, useConsoleSession } from './support/console.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the cross-origin e2e test: ${skip}`);

const INCIDENT = { category: 'graffiti', description: 'planted by another site', location: { lat: 52.5735, lon: -0.2445 } };

/** Another web site on this machine: a page on its own port, as a local dev server or a malicious page would be. */
function useOtherSite(pageHtml: () => string) {
  const site = { url: '', port: 0, server: null as http.Server | null };
  beforeAll(async () => {
    site.server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml());
    });
    await new Promise<void>((r) => site.server!.listen(0, '127.0.0.1', r));
    site.port = (site.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => (site.server ? site.server.close(() => r()) : r())));
  return site;
}

describe.skipIf(!!skip)('the console API seen from another origin in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-xorigin-');
  let target = '';
  const other = useOtherSite(
    () => `<!doctype html><body>
<iframe name="sink"></iframe>
<form id="create" method="post" enctype="text/plain" target="sink" action="${s.host.url}/api/incidents">
  <input name='${JSON.stringify(INCIDENT).slice(0, -1)}, "x": "' value='"}'>
</form>
<form id="allocate" method="post" enctype="text/plain" target="sink" action="${s.host.url}/api/incidents/${target}/allocations">
  <input name='{"unitId": "pc01", "x": "' value='"}'>
</form></body>`,
  );

  it('creates, allocates and raises nothing, and streams nothing, whatever another page sends', async () => {
    const { page } = s.browser;
    // An incident waiting for an officer, taken by the dispatcher (a script: no Origin, JSON).
    const created = await s.api(`/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...INCIDENT, description: 'real' }) });
    expect(created.status).toBe(201);
    target = ((await created.json()) as { value: { id: string } }).value.id;
    const before = { incidents: s.host.service.state.incidents.size, seq: s.host.service.state.seq };

    await page.goto(`http://127.0.0.1:${other.port}/`);
    const seen = await page.evaluate(async (consoleUrl) => {
      const body = (o: unknown) => JSON.stringify(o);
      const noCors = (p: string, b: unknown) => fetch(consoleUrl + p, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: body(b) }).catch(() => null);
      await noCors('/api/incidents', { category: 'fly_tipping', description: 'no-cors', location: { lat: 52.57, lon: -0.24 } });
      await noCors('/api/units/pc01/emergency', {});
      (document.getElementById('create') as HTMLFormElement).submit();
      await new Promise((r) => setTimeout(r, 500));
      (document.getElementById('allocate') as HTMLFormElement).submit();
      await new Promise((r) => setTimeout(r, 500));
      // A cross-origin WebSocket: open or not, it must carry no officer's position.
      return new Promise<{ opened: boolean; messages: number }>((resolve) => {
        const ws = new WebSocket(consoleUrl.replace('http', 'ws') + '/api/stream');
        const r = { opened: false, messages: 0 };
        ws.onopen = () => (r.opened = true);
        ws.onmessage = () => r.messages++;
        setTimeout(() => (ws.close(), resolve(r)), 1500);
      });
    }, s.host.url);

    expect(seen).toEqual({ opened: false, messages: 0 });
    const state = s.host.service.state;
    expect(state.incidents.size).toBe(before.incidents);
    expect(state.seq).toBe(before.seq);
    expect(state.incidents.get(target as never)?.state).toBe('received');
    expect(state.alarms.size).toBe(0);
  });

  it('still serves the console itself: its page, its stream and its own API calls', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    const status = await page.evaluate(
      async (b) => (await fetch('/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: b })).status,
      JSON.stringify(INCIDENT),
    );
    expect(status).toBe(201);
    await page.waitForSelector(`text=planted by another site`, { timeout: 10_000 });
  });
});

describe.skipIf(!!skip)('signing a browser in with the access token', () => {
  const TOKEN = 'e2e-token-5b2d-long-enough';
  const s = useConsoleSession('beacon-e2e-token-', { token: TOKEN });
  // A link from a different site (localhost is another site than 127.0.0.1), as from a chat message.
  const other = useOtherSite(() => `<!doctype html><a id="go" href="${s.host.url}/?token=${TOKEN}">Beacon</a>`);

  it('turns ?token= into a cookie and an address without it, and the console goes live', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url, `?token=${TOKEN}`);
    expect(page.url()).toBe(`${s.host.url}/`);
  });

  it('shows a sign-in page without the cookie, and signs in from it with the keyboard', async () => {
    const { page, context } = s.browser;
    await context.clearCookies();
    // The operator's session stays (they signed in before); only the deployment's token cookie is gone.
    await signInBrowser(context, s.host.url);
    await page.goto(s.host.url + '/');
    await page.waitForSelector('text=needs its access token');
    expect(await page.locator('#root').count()).toBe(0);
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
    expect(page.url()).toBe(`${s.host.url}/`);
  });

  it('signs in from a link on another site too', async () => {
    const { page, context } = s.browser;
    await context.clearCookies();
    // The operator's session stays (they signed in before); only the deployment's token cookie is gone.
    await signInBrowser(context, s.host.url);
    await page.goto(`http://localhost:${other.port}/`);
    await page.click('#go');
    await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
    expect(page.url()).toBe(`${s.host.url}/`);
  });
});
