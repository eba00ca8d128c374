import { spawn } from 'node:child_process';
import { pullFault, snapshotArgs } from './pull-args.js';

/** One JPEG of a camera's picture, or the reason there is none, within `timeoutMs`. */
export function grabJpeg(url: string, transport: 'tcp' | 'udp', opts: { ffmpeg?: string; timeoutMs?: number } = {}): Promise<{ ok: true; jpeg: Buffer } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const proc = spawn(opts.ffmpeg ?? 'ffmpeg', snapshotArgs(url, transport), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve({ ok: false, error: 'the camera did not send a picture in time' });
    }, opts.timeoutMs ?? 10_000);
    proc.stdout.on('data', (b: Buffer) => out.push(b));
    proc.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    proc.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `ffmpeg could not be started (${e.message})` });
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      const jpeg = Buffer.concat(out);
      if (code === 0 && jpeg.length > 2 && jpeg[0] === 0xff && jpeg[1] === 0xd8) resolve({ ok: true, jpeg });
      else resolve({ ok: false, error: pullFault(err) ?? 'the camera sent nothing that could be read as a picture' });
    });
  });
}
