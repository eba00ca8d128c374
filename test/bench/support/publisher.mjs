// A separate publishing process, so the process under test has a core of its own.
// usage: node publisher.mjs URL COUNT UNITS BASE_TS UNIT_OFFSET
import mqtt from 'mqtt';

const [url, countArg, unitsArg, baseArg, offsetArg = '0'] = process.argv.slice(2);
const offset = Number(offsetArg);
const count = Number(countArg);
const units = Number(unitsArg);
const base = Number(baseArg);
const client = await mqtt.connectAsync(url, { clientId: `bench-pub-${process.pid}` });
let i = 0;
function burst() {
  // Publish in slices so the socket drains; MQTT.js buffers the rest.
  const end = Math.min(count, i + 2000);
  for (; i < end; i++) {
    const u = offset + (i % units);
    client.publish(`beacon/v1/units/u${u}/location`, JSON.stringify({ ts: base + i, lat: 52.55 + (i % 997) / 20000, lon: -0.24 + (i % 991) / 20000, acc: 5, hdg: i % 360, spd: 1.4, bat: 80 }), { qos: 0 });
  }
  if (i < count) setImmediate(burst);
  else client.endAsync().then(() => process.exit(0));
}
burst();
