import { describe, expect, it } from 'vitest';
import { inputCodec, pullArgs, pullFault } from './pull-args.js';

describe('pulling a camera with ffmpeg', () => {
  it('copies H.264 with parameter sets before every keyframe, TCP unless told otherwise', () => {
    const a = pullArgs('rtsp://u:p@cam/main', { transport: 'tcp', transcode: false });
    expect(a.join(' ')).toContain('-rtsp_transport tcp');
    expect(a.join(' ')).toContain('-c:v copy -bsf:v dump_extra=freq=keyframe -f mp4');
    // Probing is left at its default: fast probing can miss the picture size.
    expect(a).not.toContain('-analyzeduration');
    // Over UDP the reader's half-second reordering wait is cut to 0.1 s.
    expect(pullArgs('x', { transport: 'udp', transcode: true }).join(' ')).toContain('-rtsp_transport udp -max_delay 100000');
    expect(a).not.toContain('-max_delay');
    expect(pullArgs('x', { transport: 'udp', transcode: true }).join(' ')).toContain('-c:v libx264');
  });

  it('recognises an H.265 input from what ffmpeg reports', () => {
    expect(inputCodec('  Stream #0:0: Video: hevc (Main), yuv420p(tv), 640x360, 15 fps')).toBe('hevc');
    expect(inputCodec('Stream #0:0[0x100](und): Video: h264 (Constrained Baseline)')).toBe('h264');
    expect(inputCodec('Input #0, rtsp, from')).toBeNull();
  });

  it('names faults in words, never echoing the URL and its password', () => {
    expect(pullFault('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\nrtsp://admin:secret@cam: Server returned 401')).toBe('wrong user name or password for the camera');
    expect(pullFault('Connection to tcp://10.0.0.5:554 failed: Connection refused')).toBe('the camera refused the connection');
    expect(pullFault('method DESCRIBE failed: 404 Not Found')).toBe('the camera has no such stream (check the RTSP path)');
    expect(pullFault('something odd')).toBeNull();
  });
});
