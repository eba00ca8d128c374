import { H264RtpPacketizer, PeerConnection, RtcpNackResponder, RtcpSrReporter, RtpPacketizationConfig, type Track, Video } from 'node-datachannel';

/** What the host says to the viewer's browser to set up the call; it goes over the camera's socket. */
export type PeerSignal = { type: 'offer'; sdp: string } | { type: 'candidate'; candidate: string; mid: string };

export interface H264PeerOptions {
  /** The stream's MSE codec string (`avc1.PPCCLL`): its profile and level are offered as they are. */
  codec: string;
  /**
   * The one address ICE offers candidates on (the console's own, e.g. 127.0.0.1); all of this
   * machine's interfaces when left out. No STUN or TURN server is ever asked: host candidates only.
   */
  bindAddress?: string;
  signal(m: PeerSignal): void;
  /** The call is up (video can flow), or it failed or closed. */
  state(s: 'connected' | 'failed' | 'closed'): void;
}

const PAYLOAD_TYPE = 96;
let peers = 0;

/**
 * One viewer's WebRTC call: a send-only H.264 track fed with the camera's frames as they come,
 * packetized into RTP without decoding or re-encoding. Lost packets are resent when the browser
 * asks (NACK); sender reports let it place frames in time.
 */
export class H264Peer {
  private readonly pc: PeerConnection;
  private readonly track: Track;
  private readonly rtp: RtpPacketizationConfig;
  private readonly start: number;
  private closed = false;

  constructor(private readonly opts: H264PeerOptions) {
    this.pc = new PeerConnection(`camera-viewer-${++peers}`, {
      iceServers: [],
      ...(opts.bindAddress && { bindAddress: opts.bindAddress }),
    });
    const video = new Video('video', 'SendOnly');
    video.addH264Codec(PAYLOAD_TYPE, h264Profile(opts.codec));
    const ssrc = (Math.random() * 0xfffffff0 + 1) >>> 0;
    video.addSSRC(ssrc, 'camera', 'camera', 'video');
    this.track = this.pc.addTrack(video);
    this.rtp = new RtpPacketizationConfig(ssrc, 'camera', PAYLOAD_TYPE, 90_000);
    this.start = this.rtp.timestamp;
    // ffmpeg writes each NAL unit after its 4-byte length (MP4's own form).
    const packetizer = new H264RtpPacketizer('Length', this.rtp);
    packetizer.addToChain(new RtcpSrReporter(this.rtp));
    packetizer.addToChain(new RtcpNackResponder());
    this.track.setMediaHandler(packetizer);
    this.pc.onLocalDescription((sdp, type) => type === 'offer' && opts.signal({ type: 'offer', sdp }));
    this.pc.onLocalCandidate((candidate, mid) => opts.signal({ type: 'candidate', candidate, mid }));
    this.pc.onStateChange((s) => {
      if (this.closed) return;
      if (s === 'connected') opts.state('connected');
      else if (s === 'failed' || s === 'closed') opts.state(s);
    });
    this.pc.setLocalDescription();
  }

  /** The browser's answer to the offer. */
  answer(sdp: string): void {
    if (!this.closed) this.pc.setRemoteDescription(sdp, 'answer');
  }

  /** One of the browser's ICE candidates (mDNS `.local` ones cannot be reached here and are skipped). */
  candidate(candidate: string, mid: string): void {
    if (this.closed || !candidate || /\.local\s/.test(candidate)) return;
    try {
      this.pc.addRemoteCandidate(candidate, mid);
    } catch {
      // A candidate this side cannot use: the others still may connect.
    }
  }

  get open(): boolean {
    return !this.closed && this.track.isOpen();
  }

  /**
   * Sends one frame (its NAL units, each after a 4-byte length) shown at `time90k` on the stream's
   * 90 kHz clock. False when the call is not up yet.
   */
  send(sample: Buffer, time90k: number): boolean {
    if (!this.open) return false;
    this.rtp.timestamp = (this.start + time90k) >>> 0;
    return this.track.sendMessageBinary(sample);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.track.close();
      this.pc.close();
    } catch {
      // Already gone with its connection.
    }
  }
}

/**
 * The SDP format parameters for the stream's profile and level (from `avc1.PPCCLL`), so the browser
 * is told what the camera really sends; constrained baseline 3.1 when the codec string says nothing.
 */
export function h264Profile(codec: string): string {
  const m = /^avc1\.([0-9a-f]{6})$/i.exec(codec);
  return `profile-level-id=${(m?.[1] ?? '42e01f').toLowerCase()};packetization-mode=1;level-asymmetry-allowed=1`;
}
