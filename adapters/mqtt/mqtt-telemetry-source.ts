import fs from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { TelemetryMessage, TelemetrySource } from '../../shared/ports.js';

export interface MqttSettings {
  url: string;
  /** Topic filters to subscribe to, e.g. `beacon/v1/units/+/+`. */
  topics: string[];
  clientId?: string;
  username?: string;
  password?: string;
  /** PEM files for TLS (`mqtts://`): the broker's CA, and a client certificate and key if the broker wants one. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Subscription QoS; 1 makes the broker keep telemetry for a persistent session while we are away. */
  qos?: 0 | 1;
  /** Keep the session (and queued QoS 1 messages) on the broker across reconnects. Needs a fixed clientId. */
  persistentSession?: boolean;
  /** Reconnect backoff: first wait and ceiling, ms. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export type MqttStatus = { connected: boolean; error: string | null };

/**
 * Settings → MQTT.js options. Certificate files are read here so a wrong path fails at start with
 * the file's name, not later as a TLS handshake error.
 */
export function mqttClientOptions(s: MqttSettings, read: (file: string) => Buffer = (f) => fs.readFileSync(f)): IClientOptions {
  if (s.persistentSession && !s.clientId) throw new Error('A persistent MQTT session needs a fixed client id (--mqtt-client-id).');
  if ((s.certFile === undefined) !== (s.keyFile === undefined)) throw new Error('A client certificate needs both --mqtt-cert and --mqtt-key.');
  const file = (what: string, f: string) => {
    try {
      return read(f);
    } catch (err) {
      throw new Error(`Cannot read the MQTT ${what} file ${f}: ${(err as Error).message}`, { cause: err });
    }
  };
  return {
    clientId: s.clientId ?? `beacon-console-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: !s.persistentSession,
    reconnectPeriod: s.reconnectMinMs ?? 1000,
    connectTimeout: 5000,
    keepalive: 15,
    resubscribe: true,
    ...(s.username !== undefined && { username: s.username }),
    ...(s.password !== undefined && { password: s.password }),
    ...(s.caFile && { ca: file('CA', s.caFile), rejectUnauthorized: true }),
    ...(s.certFile && { cert: file('client certificate', s.certFile) }),
    ...(s.keyFile && { key: file('client key', s.keyFile) }),
  };
}

/** Doubling waits between reconnect attempts, capped, with ±20 % jitter so consoles do not reconnect in step. */
export function reconnectDelay(attempt: number, minMs = 1000, maxMs = 30_000, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt));
  return Math.round(Math.min(maxMs, base * (0.8 + 0.4 * random())));
}

interface Outgoing {
  topic: string;
  payload: string;
  qos: 0 | 1;
  retain: boolean;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Telemetry over MQTT (MQTT.js). While the broker is away the console keeps working on what it has:
 * outgoing messages (assignments) wait in an outbox and go out once, in order, on reconnection;
 * reconnect attempts back off from 1 s to 30 s.
 */
export class MqttTelemetrySource implements TelemetrySource {
  readonly url: string;
  private client: MqttClient | null = null;
  private connected = false;
  private listeners: ((s: MqttStatus) => void)[] = [];
  private lastError: string | null = null;
  private readonly outbox: Outgoing[] = [];
  private attempt = 0;
  /** Messages handed to the broker since start; for health and tests. */
  sent = 0;

  constructor(private readonly settings: MqttSettings) {
    this.url = settings.url;
  }

  /** Outgoing messages waiting for the broker to come back. */
  get queuedOutgoing(): number {
    return this.outbox.length;
  }

  private subscribed: (() => void) | null = null;

  start(onMessage: (m: TelemetryMessage) => void): Promise<void> {
    const s = this.settings;
    const client = mqtt.connect(s.url, mqttClientOptions(s));
    this.client = client;
    client.on('message', (topic, payload) => onMessage({ topic, payload }));
    client.on('connect', () => {
      this.attempt = 0;
      client.options.reconnectPeriod = s.reconnectMinMs ?? 1000;
      client.subscribe(s.topics, { qos: s.qos ?? 0 }, (err) => {
        if (err) this.setStatus(true, `subscribe failed: ${err.message}`);
        this.subscribed?.();
      });
      this.setStatus(true, null);
      this.drain();
    });
    // MQTT.js reads reconnectPeriod each time it arms its retry timer, so setting it as each attempt
    // starts makes the next wait longer if this one fails.
    client.on('reconnect', () => {
      client.options.reconnectPeriod = reconnectDelay(++this.attempt, s.reconnectMinMs, s.reconnectMaxMs);
    });
    client.on('close', () => this.setStatus(false, this.lastError ?? 'connection closed'));
    client.on('offline', () => this.setStatus(false, this.lastError ?? 'broker unreachable'));
    client.on('error', (err) => {
      this.lastError = err.message;
      this.setStatus(this.connected, err.message);
    });
    // Resolves at first connect, but never fails the host: a console starts and works without a broker.
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, 3000);
      // Subscribed, not merely connected: a message published the moment start() returns is heard.
      this.subscribed = () => {
        this.subscribed = null;
        done();
      };
    });
  }

  publish(topic: string, payload: string, opts: { qos?: 0 | 1; retain?: boolean } = {}): Promise<void> {
    if (!this.client) return Promise.reject(new Error('MQTT client not started'));
    return new Promise((resolve, reject) => {
      this.outbox.push({ topic, payload, qos: opts.qos ?? 1, retain: opts.retain ?? false, resolve, reject });
      if (this.connected) this.drain();
    });
  }

  /**
   * Hands the outbox to MQTT.js in order. Once handed over, a QoS 1 message is MQTT.js's to resend
   * until the broker acknowledges it, so it leaves the outbox then: never twice from both.
   */
  private drain() {
    const client = this.client;
    while (client && this.connected && this.outbox.length > 0) {
      const m = this.outbox.shift()!;
      this.sent++;
      client.publish(m.topic, m.payload, { qos: m.qos, retain: m.retain }, (err) => (err ? m.reject(err) : m.resolve()));
    }
  }

  onStatus(listener: (s: MqttStatus) => void): void {
    this.listeners.push(listener);
  }

  isConnected(): boolean {
    return this.connected;
  }

  private setStatus(connected: boolean, error: string | null) {
    const changed = connected !== this.connected || error !== null;
    this.connected = connected;
    if (connected) this.lastError = null;
    if (changed) for (const l of this.listeners) l({ connected, error });
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.connected = false;
    for (const m of this.outbox.splice(0)) m.reject(new Error('The console stopped before the broker came back; message not sent.'));
    if (c) await c.endAsync(true);
  }
}
