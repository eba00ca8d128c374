import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Starts `n` publisher processes sharing `count` location messages over `units` units. */
export function publish(url: string, count: number, units: number, n = 1): Promise<void> {
  const base = Date.now() - 10 * 60_000;
  const per = Math.floor(count / n);
  return Promise.all(
    Array.from({ length: n }, (_, k) =>
      new Promise<void>((resolve, reject) => {
        // Each publisher owns a disjoint block of units so timestamps stay increasing per unit.
        const block = Math.floor(units / n);
        const p = spawn(process.execPath, [path.join(here, 'publisher.mjs'), url, String(per), String(block), String(base), String(k * block)], { stdio: 'inherit' });
        p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`))));
      }),
    ),
  ).then(() => undefined);
}

/** Nearest-rank percentile; NaN for no samples. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

export const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * Runs a bench's main and exits with its outcome: the worker threads, brokers and sockets a bench
 * leaves must not keep the process, and so `npm run bench`, waiting.
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
