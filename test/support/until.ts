/** Polls `fn` until it gives something truthy, or fails naming what it waited for. */
export async function until<T>(what: string, fn: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<Exclude<T, false | '' | 0>>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<Exclude<T, false | '' | 0>>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
