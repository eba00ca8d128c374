import net from 'node:net';
import { Aedes } from 'aedes';

/** The embedded broker could not start; the message is a sentence for the operator. */
class EmbeddedBrokerError extends Error {
  override name = 'EmbeddedBrokerError';
}

/** An in-process MQTT broker (aedes) on loopback: the default when no `--mqtt` URL is given. */
export class EmbeddedBroker {
  private constructor(
    private readonly server: net.Server,
    private readonly broker: Aedes,
    readonly port: number,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Throws an `EmbeddedBrokerError` that says what to do when the port is taken. */
  static async start(port = 0): Promise<EmbeddedBroker> {
    const broker = await Aedes.createBroker();
    const server = net.createServer(broker.handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
    } catch (err) {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      const e = err as NodeJS.ErrnoException;
      throw new EmbeddedBrokerError(
        e.code === 'EADDRINUSE'
          ? `the embedded MQTT broker's port ${port} on 127.0.0.1 is already in use (another Beacon, or an MQTT broker such as mosquitto?); ` +
              `choose another with --mqtt-port N (gateways must then use it too), or use that broker with --mqtt mqtt://127.0.0.1:${port}.`
          : `the embedded MQTT broker could not listen on 127.0.0.1:${port}: ${e.message}`,
      );
    }
    return new EmbeddedBroker(server, broker, (server.address() as net.AddressInfo).port);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
