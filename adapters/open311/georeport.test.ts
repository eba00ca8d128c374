import { describe, expect, it } from 'vitest';
import { parseXml } from '../../test/support/xml.js';
import { parseRequestQuery, parseServiceRequest, readRequestFields, toXml } from './georeport.js';

describe('GeoReport v2 parsing', () => {
  it('reads form-encoded and JSON bodies the same way', () => {
    const form = readRequestFields('application/x-www-form-urlencoded; charset=utf-8', 'api_key=k&service_code=graffiti&lat=52.57&long=-0.24&description=Tag+on+wall');
    const json = readRequestFields('application/json', JSON.stringify({ api_key: 'k', service_code: 'graffiti', lat: 52.57, long: -0.24, description: 'Tag on wall' }));
    expect(form).toEqual(json);
    expect(readRequestFields('application/json', '[1,2]')).toBeNull();
    expect(readRequestFields('application/json', '{oops')).toBeNull();
  });

  it('keeps a field named __proto__ or constructor as a field, and reads no field the sender did not send', () => {
    const json = readRequestFields('application/json', '{"__proto__":"x","constructor":"y","service_code":"graffiti"}')!;
    expect(Object.keys(json).sort()).toEqual(['__proto__', 'constructor', 'service_code']);
    expect(json['__proto__']).toBe('x');
    const form = readRequestFields('application/x-www-form-urlencoded', '__proto__=x&service_code=graffiti')!;
    expect(form['__proto__']).toBe('x');
    expect(form['constructor']).toBeUndefined();
    expect(form['toString']).toBeUndefined();
  });

  it('reports every missing or wrong field at once, in the spec error shape', () => {
    const r = parseServiceRequest({ service_code: 'potholes', lat: 'north', long: '-0.2' });
    expect(r).toEqual({
      ok: false,
      errors: [
        { code: 400, description: 'service_code potholes is not a service of this jurisdiction' },
        { code: 400, description: 'lat and long must be WGS84 decimal degrees' },
      ],
    });
    expect(parseServiceRequest({ service_code: 'graffiti', lat: '52.5', long: '' })).toMatchObject({ ok: false });
    // Number("0x34") is 52: a latitude is written in decimal or refused.
    for (const lat of ['0x34', '0b110100', '0o64', '5.25e1', 'Infinity'])
      expect(parseServiceRequest({ service_code: 'graffiti', lat, long: '-0.2' }), lat).toEqual({ ok: false, errors: [{ code: 400, description: 'lat and long must be WGS84 decimal degrees' }] });
    const tiny = parseServiceRequest(readRequestFields('application/json', JSON.stringify({ service_code: 'graffiti', lat: 52.5, long: 1e-7 }))!);
    expect(tiny.ok && [tiny.value.lat, tiny.value.lon]).toEqual([52.5, 1e-7]);
    expect(parseServiceRequest({ service_code: 'graffiti', address_string: '1 Bridge St' })).toMatchObject({
      ok: false,
      errors: [{ code: 400, description: expect.stringMatching(/does not geocode/) }],
    });
  });

  it('keeps a photo link with the description and ignores links that are not web addresses', () => {
    const ok = parseServiceRequest({ service_code: 'graffiti', lat: '52.5', long: '-0.2', description: 'Tag', media_url: 'https://x.test/1.jpg' });
    expect(ok.ok && ok.value.description).toBe('Tag\nPhoto: https://x.test/1.jpg');
    const js = parseServiceRequest({ service_code: 'graffiti', lat: '52.5', long: '-0.2', description: 'Tag', media_url: 'javascript:alert(1)' });
    expect(js.ok && js.value.description).toBe('Tag');
  });

  it('escapes XML and writes empty fields as empty elements', () => {
    expect(toXml('errors', 'error', [{ code: 400, description: 'a <b> & "c"', x: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>a &lt;b&gt; &amp; &quot;c&quot;</description><x/></error></errors>',
    );
  });

  it('writes XML a strict parser reads, whatever control characters a description holds', () => {
    const description = 'Bins\u0001 on fire \u001b[31mnow\u001b[0m\u0000, tab\there\nnext line \uFFFE\uFFFF \uD800 lone surrogate, 🐕 kept';
    const xml = toXml('service_requests', 'request', [{ description }]);
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML must not carry.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/);
    const doc = parseXml(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('description')[0]!.textContent).toBe(
      'Bins\uFFFD on fire \uFFFD[31mnow\uFFFD[0m\uFFFD, tab\there\nnext line \uFFFD\uFFFD \uFFFD lone surrogate, 🐕 kept',
    );
  });

  it('parses request list filters and refuses bad dates', () => {
    const q = parseRequestQuery(new URLSearchParams('service_request_id=A,B&status=open&start_date=2026-11-01T00:00:00Z'));
    expect(q).toEqual({ ok: true, value: { ids: ['A', 'B'], codes: null, start: Date.parse('2026-11-01T00:00:00Z'), end: null, status: 'open' } });
    expect(parseRequestQuery(new URLSearchParams('end_date=soon')).ok).toBe(false);
    expect(parseRequestQuery(new URLSearchParams('status=pending')).ok).toBe(false);
  });
});
