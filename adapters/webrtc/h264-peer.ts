import { H264RtpPacketizer, PeerConnection, RtcpNackResponder, RtcpSrReporter, RtpPacketizationConfig, type Track, Video } from 'node-datachannel';

/** What the host says to the viewer's browser to set up the call; it goes over the camera's socket. */
export type PeerSignal = { type: 'offer'; sdp: string } | { type: 'candidate'; candidate: string; mid: string };

interface H264PeerOptions {
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

/**
 * Constrained baseline, which every WebRTC browser takes. Offered beside the stream's own profile:
 * Chrome declines a plain High profile in SDP (it lists only constrained High), yet its decoder
 * plays High, so a camera's High stream is sent under whichever of the two the browser accepted.
 */
const BASELINE = '42e01f';
/**
 * The RTP header extension asking the browser to show each frame as soon as it is decoded
 * (playout delay 0–0): a control room wants now, not smooth.
 */
const PLAYOUT_DELAY = { id: 5, uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay' };
let peers = 0;

/**
 * One viewer's WebRTC call: a send-only H.264 track fed with the camera's frames as they come,
 * packetized into RTP without decoding or re-encoding. Lost packets are resent when the browser
 * asks (NACK); sender reports let it place frames in time.
 */
export class H264Peer {
  private readonly pc: PeerConnection;
  private readonly track: Track;
  private readonly ssrc = (Math.random() * 0xfffffff0 + 1) >>> 0;
  /** Set up once the browser's answer says which payload type it takes. */
  private rtp: RtpPacketizationConfig | null = null;
  private start = 0;
  private readonly payloadTypes = new Map<number, string>();
  private closed = false;

  constructor(private readonly opts: H264PeerOptions) {
    this.pc = new PeerConnection(`camera-viewer-${++peers}`, {
      iceServers: [],
      ...(opts.bindAddress && { bindAddress: opts.bindAddress }),
    });
    const video = new Video('video', 'SendOnly');
    const own = profileLevelId(opts.codec);
    for (const [i, id] of [...new Set([own, BASELINE])].entries()) {
      video.addH264Codec(96 + i, h264Fmtp(id));
      this.payloadTypes.set(96 + i, id);
    }
    video.parseSdpLine(`a=extmap:${PLAYOUT_DELAY.id} ${PLAYOUT_DELAY.uri}`);
    video.addSSRC(this.ssrc, 'camera', 'camera', 'video');
    this.track = this.pc.addTrack(video);
    this.pc.onLocalDescription((sdp, type) => type === 'offer' && opts.signal({ type: 'offer', sdp }));
    this.pc.onLocalCandidate((candidate, mid) => opts.signal({ type: 'candidate', candidate, mid }));
    this.pc.onStateChange((s) => {
      if (this.closed) return;
      if (s === 'connected') opts.state('connected');
      else if (s === 'failed' || s === 'closed') opts.state(s);
    });
    this.pc.setLocalDescription();
  }

  /** The browser's answer to the offer: the first of our H.264 payload types it lists is the one sent. */
  answer(sdp: string): void {
    if (this.closed || this.rtp) return;
    const listed = /^m=video \d+ [A-Z/]+ ([\d ]+)$/m.exec(sdp)?.[1]?.trim().split(' ').map(Number) ?? [];
    const pt = listed.find((p) => this.payloadTypes.has(p));
    if (pt === undefined) return this.opts.state('failed');
    this.rtp = new RtpPacketizationConfig(this.ssrc, 'camera', pt, 90_000);
    this.start = this.rtp.timestamp;
    if (sdp.includes(`a=extmap:${PLAYOUT_DELAY.id} ${PLAYOUT_DELAY.uri}`)) {
      this.rtp.playoutDelayId = PLAYOUT_DELAY.id;
      this.rtp.playoutDelayMin = 0;
      this.rtp.playoutDelayMax = 0;
    }
    // ffmpeg writes each NAL unit after its 4-byte length (MP4's own form).
    const packetizer = new H264RtpPacketizer('Length', this.rtp);
    packetizer.addToChain(new RtcpSrReporter(this.rtp));
    packetizer.addToChain(new RtcpNackResponder());
    this.track.setMediaHandler(packetizer);
    this.pc.setRemoteDescription(sdp, 'answer');
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
    return !this.closed && !!this.rtp && this.track.isOpen();
  }

  /**
   * Sends one frame (its NAL units, each after a 4-byte length) shown at `time90k` on the stream's
   * 90 kHz clock. False when the call is not up yet.
   */
  send(sample: Buffer, time90k: number): boolean {
    if (!this.open || !this.rtp) return false;
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

/** The stream's profile and level from its codec string (`avc1.PPCCLL`); constrained baseline 3.1 when it says nothing. */
export function profileLevelId(codec: string): string {
  return (/^avc1\.([0-9a-f]{6})$/i.exec(codec)?.[1] ?? BASELINE).toLowerCase();
}

/** The SDP format parameters offering one H.264 profile and level. */
export function h264Fmtp(profileLevel: string): string {
  return `profile-level-id=${profileLevel};packetization-mode=1;level-asymmetry-allowed=1`;
}
