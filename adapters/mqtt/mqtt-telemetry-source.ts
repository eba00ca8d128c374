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
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  qos?: 0 | 1;
  /** Keep the session (and queued QoS 1 messages) on the broker across reconnects. */
  persistentSession?: boolean;
}

/** Telemetry over MQTT (MQTT.js). Reconnects with backoff; outgoing messages queue while down. */
export class MqttTelemetrySource implements TelemetrySource {
  readonly url: string;
  private client: MqttClient | null = null;
  private connected = false;
  private listeners: ((s: { connected: boolean; error: string | null }) => void)[] = [];
  private lastError: string | null = null;

  constructor(private readonly settings: MqttSettings) {
    this.url = settings.url;
  }

  start(onMessage: (m: TelemetryMessage) => void): Promise<void> {
    const s = this.settings;
    const opts: IClientOptions = {
      clientId: s.clientId ?? `beacon-console-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      clean: !s.persistentSession,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      keepalive: 15,
      resubscribe: true,
      ...(s.username !== undefined && { username: s.username }),
      ...(s.password !== undefined && { password: s.password }),
      ...(s.caFile && { ca: fs.readFileSync(s.caFile) }),
      ...(s.certFile && { cert: fs.readFileSync(s.certFile) }),
      ...(s.keyFile && { key: fs.readFileSync(s.keyFile) }),
    };
    const client = mqtt.connect(s.url, opts);
    this.client = client;
    client.on('message', (topic, payload) => onMessage({ topic, payload }));
    client.on('connect', () => {
      client.subscribe(s.topics, { qos: s.qos ?? 0 }, (err) => {
        if (err) this.setStatus(true, `subscribe failed: ${err.message}`);
      });
      this.setStatus(true, null);
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
      client.once('connect', done);
    });
  }

  publish(topic: string, payload: string, opts: { qos?: 0 | 1; retain?: boolean } = {}): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('MQTT client not started'));
    return new Promise((resolve, reject) =>
      client.publish(topic, payload, { qos: opts.qos ?? 1, retain: opts.retain ?? false }, (err) => (err ? reject(err) : resolve())),
    );
  }

  onStatus(listener: (s: { connected: boolean; error: string | null }) => void): void {
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
    if (c) await c.endAsync(true);
  }
}
