/** How ffmpeg reads a camera and what it writes: one video track as fragmented MP4 on stdout. */
export interface PullOptions {
  transport: 'tcp' | 'udp';
  /** Re-encode to H.264: for cameras that only send H.265, which browsers here do not play. */
  transcode: boolean;
}

/**
 * ffmpeg's arguments for pulling `url`. The video is copied as it comes (no re-encode) unless the
 * camera sends H.265; H.264's parameter sets are repeated before every keyframe so a viewer who
 * joins late can start there; every frame is its own fragment so nothing waits for a whole GOP.
 * Probing is left at its default: probing fast can miss the picture size.
 */
export function pullArgs(url: string, o: PullOptions): string[] {
  const video = o.transcode
    ? ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '30']
    : ['-c:v', 'copy'];
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel', 'info',
    '-fflags', 'nobuffer',
    '-rtsp_transport', o.transport,
    // Over UDP the RTSP reader holds packets up to half a second to reorder them; on a camera
    // network they arrive in order, and that half second would be on every operator's screen.
    ...(o.transport === 'udp' ? ['-max_delay', '100000'] : []),
    // Socket I/O timeout, microseconds: a camera that stops sending ends the pull.
    '-timeout', '5000000',
    '-i', url,
    '-map', '0:v:0',
    '-an',
    ...video,
    '-bsf:v', 'dump_extra=freq=keyframe',
    '-f', 'mp4',
    '-movflags', 'empty_moov+default_base_moof+frag_every_frame',
    'pipe:1',
  ];
}

/** One JPEG of the camera's current picture, on stdout. */
export function snapshotArgs(url: string, transport: 'tcp' | 'udp'): string[] {
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', transport, '-timeout', '5000000', '-i', url, '-frames:v', '1', '-f', 'image2', '-c:v', 'mjpeg', '-q:v', '4', 'pipe:1'];
}

/**
 * What an operator is told when ffmpeg cannot read a camera, from what it wrote on stderr; null
 * when nothing recognised was said. Never includes the URL, which may carry the password.
 */
export function pullFault(stderr: string): string | null {
  if (/401 Unauthorized/i.test(stderr)) return 'wrong user name or password for the camera';
  if (/404 Not Found/i.test(stderr)) return 'the camera has no such stream (check the RTSP path)';
  if (/461 Unsupported Transport/i.test(stderr)) return 'the camera does not accept this transport (try udp or tcp)';
  if (/Connection refused/i.test(stderr)) return 'the camera refused the connection';
  if (/timed out|Connection timed out|No route to host|Network is unreachable/i.test(stderr)) return 'the camera did not answer';
  if (/Name or service not known|Temporary failure in name resolution/i.test(stderr)) return 'the camera address cannot be found';
  if (/Invalid data found|could not find codec parameters/i.test(stderr)) return 'the camera sent nothing playable';
  return null;
}

/** The video codec ffmpeg reports for the input, e.g. `h264`, `hevc`; null until it has said. */
export function inputCodec(stderr: string): string | null {
  return /Stream #0:\d+(?:\[[^\]]*\])?(?:\([^)]*\))?: Video: (\w+)/.exec(stderr)?.[1] ?? null;
}
