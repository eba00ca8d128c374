import type { Locator, Page } from 'playwright-core';
import { expect, vi } from 'vitest';

/** Retries an assertion until it holds: the console updates a few times a second. */
export const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => vi.waitFor(fn, { timeout, interval: 100 });

const matches = (text: string, want: string | RegExp) => (typeof want === 'string' ? text.trim() === want : want.test(text));

export async function expectText(loc: Locator, want: string | RegExp, timeout?: number): Promise<void> {
  await eventually(async () => {
    const text = (await loc.first().textContent({ timeout: 1000 })) ?? '';
    expect(matches(text, want), `text "${text}" should match ${String(want)}`).toBe(true);
  }, timeout);
}

export async function expectContainsText(loc: Locator, want: string, timeout?: number): Promise<void> {
  await eventually(async () => expect((await loc.first().textContent({ timeout: 1000 })) ?? '').toContain(want), timeout);
}

export async function expectCount(loc: Locator, n: number, timeout?: number): Promise<void> {
  await eventually(async () => expect(await loc.count()).toBe(n), timeout);
}

export async function expectFocused(page: Page, selector: string, timeout?: number): Promise<void> {
  await eventually(async () => {
    const focused = await page.evaluate((s) => document.activeElement === document.querySelector(s), selector);
    const where = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    expect(focused, `focus should be on ${selector}, is on ${where}`).toBe(true);
  }, timeout);
}

export async function expectValue(loc: Locator, value: string, timeout?: number): Promise<void> {
  await eventually(async () => expect(await loc.inputValue({ timeout: 1000 })).toBe(value), timeout);
}

export async function expectAttribute(loc: Locator, name: string, value: string, timeout?: number): Promise<void> {
  await eventually(async () => expect(await loc.first().getAttribute(name, { timeout: 1000 })).toBe(value), timeout);
}
