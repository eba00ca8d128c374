/** What the console says back to the host to set up the call, on the camera's socket. */
type CallReply = { type: 'answer'; sdp: string } | { type: 'candidate'; candidate: string; mid: string };

/** Whether this browser can take a camera over WebRTC at all. */
export const webrtcAvailable = (): boolean => typeof RTCPeerConnection === 'function';

/**
 * A camera's call answered here: the host offers a send-only H.264 track and its candidates,
 * this side answers, and the track plays in the <video>. No STUN server is configured: the host
 * is on this machine or the control room's network.
 */
export class WebRtcPlayback {
  private readonly pc = new RTCPeerConnection({ iceServers: [] });

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly reply: (m: CallReply) => void,
    /** The call is up, or has failed. */
    private readonly onState: (s: 'connected' | 'failed') => void,
  ) {
    this.pc.onicecandidate = (e) => e.candidate?.candidate && this.reply({ type: 'candidate', candidate: e.candidate.candidate, mid: e.candidate.sdpMid ?? '0' });
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      if (s === 'connected' || s === 'failed') this.onState(s);
    };
    this.pc.ontrack = (e) => {
      // Live means now: ask the receiver to hold as little as it can.
      if ('jitterBufferTarget' in e.receiver) (e.receiver as RTCRtpReceiver & { jitterBufferTarget: number }).jitterBufferTarget = 0;
      this.video.removeAttribute('src');
      this.video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void this.video.play().catch(() => undefined);
    };
  }

  async offer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    this.reply({ type: 'answer', sdp: this.pc.localDescription?.sdp ?? answer.sdp ?? '' });
  }

  async candidate(candidate: string, mid: string): Promise<void> {
    await this.pc.addIceCandidate({ candidate, sdpMid: mid }).catch(() => undefined);
  }

  close(): void {
    this.pc.close();
    if (this.video.srcObject) this.video.srcObject = null;
  }
}
