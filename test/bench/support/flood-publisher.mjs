// A flood from outside at RATE messages a second (ten times a 5,000-unit fleet's whole traffic by
// default), in its own process.
// usage: node flood-publisher.mjs URL intake|roster COUNT [RATE]
//   intake: partner reports on beacon/v1/intake from 20 partners (each one an incident if accepted)
//   roster: positions from COUNT made-up units (each one a new unit on an open roster if accepted)
import mqtt from 'mqtt';

const [url, kind, countArg, rateArg = '50000'] = process.argv.slice(2);
const count = Number(countArg);
const perTick = Math.max(1, Math.round(Number(rateArg) / 100));
const start = Date.now();
const client = await mqtt.connectAsync(url, { clientId: `bench-flood-${process.pid}` });
let i = 0;
function burst() {
  const due = Math.floor(((Date.now() - start) / 10) * perTick) + perTick;
  const end = Math.min(count, due);
  for (; i < end; i++) {
    const lat = 52.55 + (i % 997) / 20000;
    const lon = -0.24 + (i % 991) / 20000;
    if (kind === 'intake')
      client.publish('beacon/v1/intake', JSON.stringify({ ts: Date.now(), category: 'graffiti', lat, lon, description: `flood ${i}`, partner: `partner-${i % 20}` }), { qos: 0 });
    else client.publish(`beacon/v1/units/flood${i}/location`, JSON.stringify({ ts: Date.now(), lat, lon, acc: 5 }), { qos: 0 });
  }
  if (i < count) setTimeout(burst, 10);
  else client.endAsync().then(() => process.exit(0));
}
burst();
