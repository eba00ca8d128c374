// Publishes one location a second for each of UNITS units, spread evenly over every second, for
// SECONDS seconds: what a fleet of handsets at 1 Hz looks like to the broker.
// usage: node paced-publisher.mjs URL UNITS SECONDS
import mqtt from 'mqtt';

const [url, unitsArg, secondsArg] = process.argv.slice(2);
const units = Number(unitsArg);
const seconds = Number(secondsArg);
const client = await mqtt.connectAsync(url, { clientId: `bench-paced-${process.pid}` });
const TICK_MS = 50;
const perTick = units / (1000 / TICK_MS);
const start = Date.now();
let sent = 0;
let next = 0;
const timer = setInterval(() => {
  const elapsed = Date.now() - start;
  const due = Math.min(units * seconds, Math.floor((elapsed / TICK_MS) * perTick));
  for (; sent < due; sent++) {
    const u = next;
    next = (next + 1) % units;
    const t = Date.now();
    const a = (u * 7919 + t / 1000) % 360;
    client.publish(
      `beacon/v1/units/u${u}/location`,
      JSON.stringify({ ts: t, lat: 52.5725 + 0.03 * Math.sin(u) + 0.0005 * Math.sin(a), lon: -0.2425 + 0.05 * Math.cos(u) + 0.0005 * Math.cos(a), acc: 5, hdg: a, spd: 1.4, bat: 80 }),
      { qos: 0 },
    );
  }
  if (sent >= units * seconds) {
    clearInterval(timer);
    client.endAsync().then(() => {
      process.stdout.write(JSON.stringify({ sent }) + '\n');
      process.exit(0);
    });
  }
}, TICK_MS);
