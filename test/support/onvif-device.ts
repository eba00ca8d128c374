import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An ONVIF PTZ camera for tests: node:http answering the Device, Media and PTZ operations a
 * client needs, with bodies shaped as the ONVIF WSDLs define them, checking each request's
 * WS-Security UsernameToken password digest (SHA-1 of nonce + created + password). Positions move
 * while a ContinuousMove runs and stop at Stop, as a real head does.
 */
export interface Position {
  pan: number;
  tilt: number;
  zoom: number;
}

const NS =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ' +
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:ter="http://www.onvif.org/ver10/error"';
const envelope = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${NS}><s:Body>${body}</s:Body></s:Envelope>`;
const fault = (code: string, sub: string, reason: string) =>
  envelope(`<s:Fault><s:Code><s:Value>s:${code}</s:Value><s:Subcode><s:Value>${sub}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason></s:Fault>`);
const tag = (xml: string, name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
const attr = (xml: string, el: string, a: string) => {
  const m = new RegExp(`<(?:\\w+:)?${el}\\b([^>]*)/?>`).exec(xml)?.[1];
  const v = m && new RegExp(`${a}="([^"]*)"`).exec(m)?.[1];
  return v === undefined || v === null ? undefined : Number(v);
};
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export class OnvifTestDevice {
  position: Position = { pan: 0, tilt: 0, zoom: 0 };
  /** Every operation asked, in order, with whether its credentials were good. */
  readonly calls: { action: string; authorised: boolean }[] = [];
  presets = [
    { token: 'p1', name: 'Market', position: { pan: 0.5, tilt: -0.1, zoom: 0.2 } },
    { token: 'p2', name: 'Bridge', position: { pan: -0.75, tilt: 0, zoom: 0 } },
  ];
  private velocity: Position = { pan: 0, tilt: 0, zoom: 0 };
  private movingSince = 0;
  private server!: http.Server;

  private constructor(
    private readonly user: string,
    private readonly pass: string,
    private readonly absolute: boolean,
  ) {}

  static async start(opts: { user: string; pass: string; absoluteMove?: boolean }): Promise<OnvifTestDevice> {
    const d = new OnvifTestDevice(opts.user, opts.pass, opts.absoluteMove ?? true);
    d.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [status, body] = d.answer(Buffer.concat(chunks).toString('utf8'), req.headers.host ?? '127.0.0.1');
        res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' });
        res.end(body);
      });
    });
    await new Promise<void>((r) => d.server.listen(0, '127.0.0.1', () => r()));
    return d;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The device address as a registry would hold it (no credentials). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/onvif/device_service`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Where the head is now, counting any continuous move in progress. */
  now(): Position {
    if (!this.movingSince) return { ...this.position };
    const s = (Date.now() - this.movingSince) / 1000;
    return {
      pan: clamp(this.position.pan + this.velocity.pan * 0.5 * s, -1, 1),
      tilt: clamp(this.position.tilt + this.velocity.tilt * 0.5 * s, -1, 1),
      zoom: clamp(this.position.zoom + this.velocity.zoom * 0.5 * s, 0, 1),
    };
  }

  private settle() {
    this.position = this.now();
    this.movingSince = 0;
    this.velocity = { pan: 0, tilt: 0, zoom: 0 };
  }

  private authorised(xml: string): boolean {
    const user = tag(xml, 'Username');
    const digest = tag(xml, 'Password');
    const nonce = tag(xml, 'Nonce');
    const created = tag(xml, 'Created');
    if (!user || !digest || !nonce || !created) return false;
    const want = crypto.createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(this.pass)])).digest('base64');
    return user === this.user && want === digest;
  }

  private answer(xml: string, host: string): [number, string] {
    const action = /<(?:\w+:)?Body\b[^>]*>\s*<(?:\w+:)?(\w+)/.exec(xml)?.[1] ?? '';
    // Only the clock may be read without credentials: a client needs it to make its digest.
    const authorised = action === 'GetSystemDateAndTime' || this.authorised(xml);
    this.calls.push({ action, authorised });
    if (!authorised) return [400, fault('Sender', 'ter:NotAuthorized', 'Sender not Authorized')];
    const base = `http://${host}/onvif`;
    const pos = (p: Position) => `<tt:PanTilt x="${p.pan}" y="${p.tilt}" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"/><tt:Zoom x="${p.zoom}" space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"/>`;
    const d = new Date();
    switch (action) {
      case 'GetSystemDateAndTime':
        return [200, envelope(
          `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime>` +
            `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
            `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>` +
            `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`,
        )];
      case 'GetCapabilities':
        return [200, envelope(
          `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
            `<tt:Device><tt:XAddr>${base}/device_service</tt:XAddr></tt:Device>` +
            `<tt:Media><tt:XAddr>${base}/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTP_TCP>true</tt:RTP_TCP></tt:StreamingCapabilities></tt:Media>` +
            `<tt:PTZ><tt:XAddr>${base}/ptz_service</tt:XAddr></tt:PTZ>` +
            `</tds:Capabilities></tds:GetCapabilitiesResponse>`,
        )];
      case 'GetProfiles':
        return [200, envelope(
          `<trt:GetProfilesResponse><trt:Profiles token="profile_1" fixed="true"><tt:Name>mainStream</tt:Name>` +
            `<tt:VideoSourceConfiguration token="vsc_1"><tt:Name>VideoSource</tt:Name><tt:UseCount>1</tt:UseCount><tt:SourceToken>vs_1</tt:SourceToken><tt:Bounds x="0" y="0" width="640" height="360"/></tt:VideoSourceConfiguration>` +
            `<tt:VideoEncoderConfiguration token="vec_1"><tt:Name>H264</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>640</tt:Width><tt:Height>360</tt:Height></tt:Resolution><tt:Quality>4</tt:Quality></tt:VideoEncoderConfiguration>` +
            `<tt:PTZConfiguration token="ptz_1"><tt:Name>PTZ</tt:Name><tt:UseCount>1</tt:UseCount><tt:NodeToken>node_1</tt:NodeToken></tt:PTZConfiguration>` +
            `</trt:Profiles></trt:GetProfilesResponse>`,
        )];
      case 'GetVideoSources':
        return [200, envelope(`<trt:GetVideoSourcesResponse><trt:VideoSources token="vs_1"><tt:Framerate>15</tt:Framerate><tt:Resolution><tt:Width>640</tt:Width><tt:Height>360</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`)];
      case 'GetPresets':
        return [200, envelope(`<tptz:GetPresetsResponse>${this.presets.map((p) => `<tptz:Preset token="${p.token}"><tt:Name>${p.name}</tt:Name><tt:PTZPosition>${pos(p.position)}</tt:PTZPosition></tptz:Preset>`).join('')}</tptz:GetPresetsResponse>`)];
      case 'GotoPreset': {
        const p = this.presets.find((x) => x.token === tag(xml, 'PresetToken'));
        if (!p) return [400, fault('Sender', 'ter:InvalidArgVal', 'No such preset')];
        this.settle();
        this.position = { ...p.position };
        return [200, envelope('<tptz:GotoPresetResponse/>')];
      }
      case 'ContinuousMove':
        this.settle();
        this.velocity = { pan: attr(xml, 'PanTilt', 'x') ?? 0, tilt: attr(xml, 'PanTilt', 'y') ?? 0, zoom: attr(xml, 'Zoom', 'x') ?? 0 };
        this.movingSince = Date.now();
        return [200, envelope('<tptz:ContinuousMoveResponse/>')];
      case 'Stop':
        this.settle();
        return [200, envelope('<tptz:StopResponse/>')];
      case 'AbsoluteMove':
        if (!this.absolute) return [400, fault('Receiver', 'ter:ActionNotSupported', 'Optional Action Not Implemented')];
        this.settle();
        this.position = { pan: clamp(attr(xml, 'PanTilt', 'x') ?? 0, -1, 1), tilt: clamp(attr(xml, 'PanTilt', 'y') ?? 0, -1, 1), zoom: clamp(attr(xml, 'Zoom', 'x') ?? 0, 0, 1) };
        return [200, envelope('<tptz:AbsoluteMoveResponse/>')];
      case 'GetStatus': {
        const moving = this.movingSince ? 'MOVING' : 'IDLE';
        return [200, envelope(
          `<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>${pos(this.now())}</tt:Position>` +
            `<tt:MoveStatus><tt:PanTilt>${moving}</tt:PanTilt><tt:Zoom>${moving}</tt:Zoom></tt:MoveStatus><tt:UtcTime>${d.toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`,
        )];
      }
      default:
        return [400, fault('Receiver', 'ter:ActionNotSupported', `${action} is not supported by this device`)];
    }
  }
}
