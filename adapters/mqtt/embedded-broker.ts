import net from 'node:net';
import { Aedes } from 'aedes';

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

  static async start(port = 0): Promise<EmbeddedBroker> {
    const broker = await Aedes.createBroker();
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return new EmbeddedBroker(server, broker, (server.address() as net.AddressInfo).port);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
