import { describe, expect, it } from 'vitest';
import { unitId } from '../../shared/domain/ids.js';
import { decodeOwnTracks, ownTracksIndex } from './owntracks.js';

/**
 * Payloads as OwnTracks publishes them: the location message used in OwnTracks' own Android test
 * suite (fields as listed in the booklet's tech/json page) and the booklet's `lwt` shape. Only
 * `tst` is moved to "now" so the console's age limit accepts them.
 */
const TST = 1610799026;
const NOW = (TST + 30) * 1000;
const ANDROID_LOCATION = '{"_type":"location","acc":20,"al":0,"batt":100,"bs":0,"conn":"w","created_at":1610748273,"lat":51.2,"lon":-4,"tid":"aa","tst":1610799026,"vac":40,"vel":7}';
const IOS_LOCATION = '{"_type":"location","acc":5,"alt":120,"batt":33,"bs":1,"BSSID":"dc:ef:9:e5:78:36","cog":31,"conn":"w","lat":41.702987,"lon":-74.082472,"m":2,"p":100.138,"SSID":"lon3r-5G","t":"u","tid":"0E","tst":1610799020,"vac":3,"vel":0}';
const LWT = '{"_type":"lwt","tst":1610790000}';

const devices = ownTracksIndex([
  { id: unitId('eo03'), callsign: 'EO03', agency: 'council_enforcement', powers: [], sector: 'central' as never, mode: 'foot', ownTracks: 'jane/phone' },
]);

describe('OwnTracks', () => {
  it('turns an Android location into a fix: vel km/h → m/s, batt → battery', () => {
    const v = decodeOwnTracks('jane/phone', ANDROID_LOCATION, devices, NOW);
    expect(v).toEqual({
      ok: true,
      kind: 'location',
      unitId: 'eo03',
      event: { type: 'unit.location', unitId: 'eo03', fix: { ts: TST * 1000, lat: 51.2, lon: -4, acc: 20, spd: 1.94 }, bat: 100 },
    });
  });

  it('takes heading from cog', () => {
    const v = decodeOwnTracks('Jane/Phone', IOS_LOCATION, devices, NOW);
    expect(v.ok && v.kind === 'location' && v.event.fix).toMatchObject({ hdg: 31, spd: 0, acc: 5 });
  });

  it('recognises a last will', () => {
    expect(decodeOwnTracks('jane/phone', LWT, devices, NOW)).toEqual({ ok: true, kind: 'lwt', unitId: 'eo03', connectedAt: 1610790000_000 });
  });

  it('ignores other message types without complaint', () => {
    for (const t of ['transition', 'waypoint', 'card', 'cmd', 'configuration', 'encrypted', 'steps', 'beacon']) {
      expect(decodeOwnTracks('jane/phone', JSON.stringify({ _type: t, tst: TST }), devices, NOW)).toMatchObject({ ok: true, kind: 'ignored', type: t });
    }
  });

  it('drops what it cannot trust, with a reason', () => {
    const loc = JSON.parse(ANDROID_LOCATION) as Record<string, unknown>;
    const with_ = (o: Record<string, unknown>) => JSON.stringify({ ...loc, ...o });
    expect(decodeOwnTracks('bob/phone', ANDROID_LOCATION, devices, NOW)).toMatchObject({ ok: false, reason: 'unknown_unit' });
    expect(decodeOwnTracks('jane/phone', '{"_type":', devices, NOW)).toMatchObject({ ok: false, reason: 'bad_json' });
    expect(decodeOwnTracks('jane/phone', with_({ lat: 91 }), devices, NOW)).toMatchObject({ ok: false, reason: 'out_of_range' });
    expect(decodeOwnTracks('jane/phone', with_({ lat: undefined }), devices, NOW)).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(decodeOwnTracks('jane/phone', with_({ tst: TST + 3600 }), devices, NOW)).toMatchObject({ ok: false, reason: 'future_timestamp' });
    expect(decodeOwnTracks('jane/phone', with_({ tst: 'yesterday' }), devices, NOW)).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(decodeOwnTracks('jane/phone', '{"lat":1}', devices, NOW)).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });

  it('reads numbers sent as text in decimal only, never hex or empty-as-zero', () => {
    const loc = JSON.parse(ANDROID_LOCATION) as Record<string, unknown>;
    const with_ = (o: Record<string, unknown>) => JSON.stringify({ ...loc, ...o });
    expect(decodeOwnTracks('jane/phone', with_({ lat: '51.2', lon: '-4' }), devices, NOW)).toMatchObject({ ok: true });
    for (const lat of ['0x34', '0b1', '5.12e1', 'Infinity', ' '])
      expect(decodeOwnTracks('jane/phone', with_({ lat }), devices, NOW), lat).toMatchObject({ ok: false, reason: 'invalid_payload' });
    expect(decodeOwnTracks('jane/phone', with_({ tst: String(TST).replace(/^/, '0x') }), devices, NOW)).toMatchObject({ ok: false });
  });
});
