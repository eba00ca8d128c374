import path from 'node:path';

/** The console's own origin inside Electron: files from the built renderer, served by main. */
export const CONSOLE_SCHEME = 'beacon';
export const CONSOLE_ORIGIN = `${CONSOLE_SCHEME}://console`;

/**
 * Only the console's own page may talk to the host. A frame navigated anywhere else (or an
 * iframe from elsewhere) gets nothing.
 */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false;
  try {
    const u = new URL(frameUrl);
    return u.protocol === `${CONSOLE_SCHEME}:` && u.host === 'console';
  } catch {
    return false;
  }
}

/**
 * Maps a `beacon://console/…` request to a file inside the built renderer, or null. The renderer
 * fetches its basemap and geometry by relative URL, which a `file://` page may not do.
 */
export function consoleFile(requestUrl: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${CONSOLE_SCHEME}:` || u.host !== 'console') return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  // The video wall (`/wall`) is the console's one page too, as the headless host serves it.
  if (rel === '/' || rel === '' || rel === '/wall') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + rel);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Panels the console may tear off into windows of their own (the renderer's `?panel=`), and the video wall (`/wall`). */
const TEAR_OFF_PANELS = new Set(['map', 'queue', 'incident', 'units', 'alarms']);

/**
 * The panel a window the console asks to open would show, or null: only the console's own page
 * with a known `?panel=` opens a window; every other `window.open` is refused.
 */
export function tornOffPanel(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== `${CONSOLE_SCHEME}:` || u.host !== 'console') return null;
    if (u.pathname === '/wall') return 'wall';
    if (u.pathname !== '/index.html' && u.pathname !== '/') return null;
    const panel = u.searchParams.get('panel');
    return panel && TEAR_OFF_PANELS.has(panel) ? panel : null;
  } catch {
    return null;
  }
}
