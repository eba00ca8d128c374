import { describe, expect, it } from 'vitest';
import { cameraRegistry, checkCameras, parseCameraCsv, parseCameraGeoJson, splitCredentials } from './registry.js';

const HEADER = 'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url';

describe('camera registry: CSV', () => {
  it('loads the good rows and names each bad one with its line and reason', () => {
    const csv = [
      HEADER,
      'cam-a,Market Place,52.5727,-0.2421,90,70,120,false,rtsp://10.0.0.5/main,rtsp://10.0.0.5/sub,',
      'cam-b,"Bridge St, north",52.5716,-0.2422,,,,true,rtsp://admin:s3cret@10.0.0.6/main,,http://op:pw@10.0.0.6/onvif/device_service',
      'cam-c,No position,,-0.24,0,60,100,false',
      'cam-d,Bad ptz,52.57,-0.24,0,60,100,maybe',
      'cam-e,Hex lat,0x34,-0.24,0,60,100,false',
      'cam-a,Twice,52.57,-0.24,0,60,100,false',
      'cam-f,Bad url,52.57,-0.24,0,60,100,false,http://wrong/scheme',
      '',
    ].join('\n');
    const r = parseCameraCsv(csv);
    expect(r.rows.map((x) => x.camera.id)).toEqual(['cam-a', 'cam-b']);
    expect(r.rejected).toEqual([
      { line: 4, reason: 'lat and lon must be degrees (lat -90 to 90, lon -180 to 180)' },
      { line: 5, reason: 'ptz must be true or false' },
      { line: 6, reason: 'lat and lon must be degrees (lat -90 to 90, lon -180 to 180)' },
      { line: 8, reason: 'rtsp_main: "http://wrong/scheme" must start with rtsp:// or rtsps://' },
      { line: 7, reason: 'id cam-a is already on line 2' },
    ]);
    const b = r.rows[1]!;
    expect(b.camera).toEqual({
      id: 'cam-b',
      name: 'Bridge St, north',
      lat: 52.5716,
      lon: -0.2422,
      ptz: true,
      bearing: 0,
      fov: 60,
      range: 250,
      rtspMain: 'rtsp://10.0.0.6/main',
      onvifUrl: 'http://10.0.0.6/onvif/device_service',
    });
    expect(b.credentials).toEqual({ rtsp: { user: 'admin', pass: 's3cret' }, onvif: { user: 'op', pass: 'pw' } });
    expect(JSON.stringify(r.rows.map((x) => x.camera))).not.toContain('s3cret');
  });

  it('refuses a file without the header as a whole, on line 1', () => {
    expect(parseCameraCsv('cam-a,Market,52,0,0,60,100,false')).toEqual({
      rows: [],
      rejected: [{ line: 1, reason: `the first line must be the header ${HEADER}` }],
    });
  });

  it('reads presets and transport from the optional trailing columns', () => {
    const r = parseCameraCsv(`${HEADER},presets,transport\ncam-p,PTZ,52.57,-0.24,0,60,200,true,rtsp://x/y,,http://x/onvif,Market@120;Bridge@265,udp`);
    expect(r.rejected).toEqual([]);
    expect(r.rows[0]!.camera.presets).toEqual([
      { name: 'Market', bearing: 120 },
      { name: 'Bridge', bearing: 265 },
    ]);
    expect(r.rows[0]!.camera.transport).toBe('udp');
  });

  it('treats an id like __proto__ as just an id', () => {
    const r = parseCameraCsv(`${HEADER}\n__proto__,Odd,52.57,-0.24,0,60,100,false`);
    expect(r.rows[0]!.camera.id).toBe('__proto__');
  });
});

describe('camera registry: GeoJSON', () => {
  it('reads Point features with the CSV property names, numbering features from 1', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-0.2421, 52.5727] }, properties: { id: 'g1', name: 'One', bearing: 45, fov: 50, range: 90, ptz: false } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { id: 'g2' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-0.24, 52.57] }, properties: { id: 'g3', name: 'Three', ptz: true, onvif_url: 'http://c/onvif', presets: [{ name: 'Home', bearing: 10 }] } },
      ],
    };
    const r = parseCameraGeoJson(JSON.stringify(fc));
    expect(r.rows.map((x) => x.camera.id)).toEqual(['g1', 'g3']);
    expect(r.rows[0]!.camera).toMatchObject({ lat: 52.5727, lon: -0.2421, bearing: 45, fov: 50, range: 90 });
    expect(r.rejected).toEqual([{ line: 2, reason: 'each feature must be a Point' }]);
  });

  it('names a corrupt file instead of throwing', () => {
    expect(parseCameraGeoJson('{"type": "Feature').rejected).toEqual([{ line: 0, reason: 'the file is not valid JSON' }]);
  });
});

describe('credentials', () => {
  it('come out of the URL; what is left has none', () => {
    expect(splitCredentials('rtsp://a%40b:p%3Ass@cam:554/s?x=1', ['rtsp'])).toEqual({ url: 'rtsp://cam:554/s?x=1', credential: { user: 'a@b', pass: 'p:ss' } });
  });
  it('never appear in a rejection', () => {
    const r = splitCredentials('ftp://user:topsecret@cam/x', ['rtsp']);
    expect(JSON.stringify(r)).not.toContain('topsecret');
  });
});

describe('the registry', () => {
  it('lays imported cameras over the bundled ones by id', () => {
    const bundled = checkCameras([
      { id: 'a', name: 'A', lat: 1, lon: 1, ptz: false, bearing: 0 },
      { id: 'b', name: 'B', lat: 2, lon: 2, ptz: true },
    ]);
    if (!bundled.ok) throw new Error(bundled.error);
    const moved = { ...bundled.cameras[0]!, lat: 5 };
    expect(cameraRegistry(bundled.cameras, new Map([['a', moved]])).map((c) => [c.id, c.lat])).toEqual([
      ['a', 5],
      ['b', 2],
    ]);
  });
});
