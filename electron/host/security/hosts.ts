import os from 'node:os';
import { isLoopback } from '../config.js';

/** `::1` → `[::1]`: how an IPv6 address is written in a Host header. */
const asHostName = (address: string) => (address.includes(':') && !address.startsWith('[') ? `[${address}]` : address.toLowerCase());

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The Host names the console answers to. A page on a rebinding name (attacker.example resolving
 * to 127.0.0.1) sends its own name in Host: refusing unknown names is what keeps that page out,
 * since the browser thinks it is talking to attacker.example and sends no Origin of ours.
 */
export class AllowedHosts {
  private readonly names = new Set<string>();

  /**
   * @param bindHost the address the server listens on
   * @param port the port it actually listens on (after a `--port 0`)
   * @param configured names given with `--allowed-host` for a LAN deployment: `name` (any of the
   *   console's port or none, as behind a proxy on 80/443) or `name:port` (exactly that)
   */
  constructor(bindHost: string, port: number, configured: readonly string[] = []) {
    const own = new Set<string>();
    if (isLoopback(bindHost) || WILDCARDS.has(bindHost)) for (const n of ['127.0.0.1', 'localhost', '[::1]']) own.add(n);
    own.add(asHostName(bindHost));
    if (WILDCARDS.has(bindHost))
      for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) own.add(asHostName(a.address.replace(/%.*$/, '')));
    for (const n of own) {
      this.names.add(`${n}:${port}`);
      if (port === 80) this.names.add(n);
    }
    for (const raw of configured) {
      const n = raw.toLowerCase();
      if (/:\d+$/.test(n)) this.names.add(n);
      else this.names.add(n).add(`${n}:${port}`);
    }
  }

  /** The Host header, lower-cased, when the console answers to it; null otherwise. */
  check(hostHeader: string | undefined): string | null {
    if (!hostHeader) return null;
    const h = hostHeader.trim().toLowerCase();
    return this.names.has(h) ? h : null;
  }
}

export const hostRefusal = (hostHeader: string | undefined) =>
  `This Beacon console does not answer to the name ${hostHeader ? hostHeader.replace(/:\d+$/, '') : '(none given)'}: ` +
  'only to the addresses it is bound to, and to names given with --allowed-host NAME.';
