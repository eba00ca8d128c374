import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Only the console's own page, loaded from disk, may talk to the host. A frame navigated anywhere
 * else (or an iframe) gets nothing.
 */
export function isTrustedSender(frameUrl: string | undefined, rendererDir: string): boolean {
  if (!frameUrl) return false;
  const index = pathToFileURL(path.join(rendererDir, 'index.html')).href;
  return frameUrl === index || frameUrl.startsWith(index + '#') || frameUrl.startsWith(index + '?');
}
