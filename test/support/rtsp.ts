import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.js';


const SERVER = `
const RtspServer = require('rtsp-streaming-server').default;
const [serverPort, clientPort, rtpPortStart] = process.argv.slice(1).map(Number);
new RtspServer({ serverPort, clientPort, rtpPortStart, rtpPortCount: 400 }).start().then(() => console.log('ready'), (e) => { console.error(e); process.exit(1); });
`;

/** The wall-clock time, in ms modulo 2^24, drawn into each frame as a row of 24 boxes (bit k at x = 8 + 20k). */
export const CLOCK_BITS = { bits: 24, x0: 8, step: 20, size: 16, y: 332, h: 24 } as const;

/**
 * testsrc2 with the capture time written as boxes a page can read back without OCR: timestamps
 * are set to the wall clock (RTCTIME) while the boxes are drawn, then renumbered for the encoder.
 */
function clockBitsFilter(fps: number): string {
  const b = CLOCK_BITS;
  const boxes = Array.from({ length: b.bits }, (_, k) => `drawbox=x=${b.x0 + k * b.step}:y=${b.y}:w=${b.size}:h=${b.h}:color=white:t=fill:enable='eq(mod(floor(t*1000/${2 ** k}),2),1)'`);
  return [`setpts='RTCTIME/(TB*1000000)'`, `drawbox=x=0:y=${b.y - 4}:w=640:h=${b.h + 8}:color=black:t=fill`, ...boxes, `setpts=N/(${fps}*TB)`].join(',');
}

/**
 * An RTSP server (npm rtsp-streaming-server: UDP only) in its own process, so its event loop is
 * never stalled by the test's, and ffmpeg publishers feeding it a test picture with the wall-clock
 * time burnt in.
 */
export class RtspTestServer {
  private publishers = new Map<string, ChildProcess>();

  private constructor(
    private readonly proc: ChildProcess,
    readonly publishPort: number,
    readonly clientPort: number,
  ) {}

  static async start(): Promise<RtspTestServer> {
    const publishPort = await freePort();
    const clientPort = await freePort();
    const rtpStart = 20000 + 2 * Math.floor(Math.random() * 10000);
    const proc = spawn(process.execPath, ['-e', SERVER, String(publishPort), String(clientPort), String(rtpStart)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the RTSP server did not start:\n${out}`)), 10_000);
      const on = (b: Buffer) => {
        out += b.toString();
        if (out.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', on);
      proc.stderr!.on('data', on);
      proc.once('exit', (c) => reject(new Error(`the RTSP server exited (${c}):\n${out}`)));
    });
    return new RtspTestServer(proc, publishPort, clientPort);
  }

  /** Where a camera's stream is read from. */
  url(path: string): string {
    return `rtsp://127.0.0.1:${this.clientPort}/${path}`;
  }

  /** Publishes 640×360 testsrc2 at 15 fps with the time burnt in; H.264 unless `hevc`. */
  async publish(path: string, opts: { hevc?: boolean; clockBits?: boolean } = {}): Promise<void> {
    await this.unpublish(path);
    const codec = opts.hevc
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-tune', 'zerolatency', '-x265-params', 'keyint=15:log-level=error']
      : ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15', '-profile:v', 'baseline'];
    const p = spawn(
      'ffmpeg',
      [
        '-hide_banner', '-nostdin', '-loglevel', 'error', '-re',
        '-f', 'lavfi', '-i', "testsrc2=size=640x360:rate=15,drawtext=text='%{localtime\\:%T}':fontsize=48:fontcolor=white:box=1:boxcolor=black:x=20:y=20" + (opts.clockBits ? ',' + clockBitsFilter(15) : ''),
        ...codec, '-pix_fmt', 'yuv420p', '-f', 'rtsp', `rtsp://127.0.0.1:${this.publishPort}/${path}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.publishers.set(path, p);
  }

  /**
   * Stops a publisher as a camera going off the air does. ffmpeg is asked to finish (SIGINT) so it
   * says TEARDOWN: this server keeps a mount whose publisher vanished, refusing the next one.
   */
  async unpublish(path: string): Promise<void> {
    const p = this.publishers.get(path);
    this.publishers.delete(path);
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGINT');
    const timer = setTimeout(() => p.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.publishers.keys()].map((path) => this.unpublish(path)));
    this.proc.kill('SIGKILL');
  }
}
