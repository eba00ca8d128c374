import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.js';
import { THEME_TOKENS, type ThemeName, type ThemeToken } from './tokens.js';

// Where each colour is used as text, and the surfaces it is drawn on.
const SURFACES: ThemeToken[] = ['bg', 'panel', 'panel-2', 'sel', 'overdue-bg'];
const TEXT: ThemeToken[] = ['text', 'muted', 'accent', 'ok', 'warn', 'bad', 'p1', 'p2', 'p3', 'p4'];
const TRIAGE: ThemeToken[] = ['p1', 'p2', 'p3', 'p4'];
// Text on a filled colour: a primary button, an error pill or notice.
const ON_FILLS: [ThemeToken, ThemeToken][] = [
  ['on-accent', 'accent'],
  ['on-bad', 'bad'],
  // The broker-loss banner: the page colour on the warning colour.
  ['bg', 'warn'],
];

describe('WCAG AA contrast of both themes', () => {
  it('computes contrast as WCAG defines it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const theme of Object.keys(THEME_TOKENS) as ThemeName[]) {
    const t = THEME_TOKENS[theme];
    it(`${theme}: every text colour reaches 4.5:1 on every surface`, () => {
      const fails = TEXT.flatMap((fg) => SURFACES.map((bg) => ({ fg, bg, r: contrastRatio(t[fg], t[bg]) }))).filter((x) => x.r < 4.5);
      expect(fails.map((f) => `${f.fg} on ${f.bg}: ${f.r.toFixed(2)}`)).toEqual([]);
      for (const [fg, bg] of ON_FILLS) expect(contrastRatio(t[fg], t[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    });
    it(`${theme}: triage colours stand out as shapes (3:1) against every surface, and as text ("Received" included)`, () => {
      for (const p of TRIAGE) for (const bg of SURFACES) expect(contrastRatio(t[p], t[bg]), `${p} on ${bg}`).toBeGreaterThanOrEqual(3);
      // "Received" and "Triaged" are drawn in the warning colour.
      expect(contrastRatio(t.warn, t.panel)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
