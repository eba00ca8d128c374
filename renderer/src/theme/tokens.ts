/**
 * The console's colours, one set per theme: the one home for them. Applied as CSS custom
 * properties (`--text`, `--p1`…) on the document, and checked for WCAG AA contrast by a test:
 * text and the triage colours as text at 4.5:1 on every surface they sit on, so also as shapes.
 */
export const THEME_TOKENS = {
  dark: {
    bg: '#0e1216',
    panel: '#161c22',
    'panel-2': '#1d252d',
    line: '#2a343e',
    sel: '#1b3049',
    'overdue-bg': '#3a1c22',
    text: '#e8ecef',
    muted: '#9aa7b3',
    accent: '#4ea1ff',
    'on-accent': '#0b0e11',
    ok: '#2fbf71',
    warn: '#f0a202',
    bad: '#ff6b6b',
    'on-bad': '#0b0e11',
    p1: '#ff7b72',
    p2: '#ffad33',
    p3: '#e0bb00',
    p4: '#5ac8fa',
  },
  light: {
    bg: '#eef1f4',
    panel: '#ffffff',
    'panel-2': '#f3f5f7',
    line: '#ccd3da',
    sel: '#dde9f8',
    'overdue-bg': '#fbe6e8',
    text: '#12181e',
    muted: '#4d5a67',
    accent: '#0b5db8',
    'on-accent': '#ffffff',
    ok: '#17703d',
    warn: '#875400',
    bad: '#b8141f',
    'on-bad': '#ffffff',
    p1: '#b8141f',
    p2: '#9a4700',
    p3: '#6f5a00',
    p4: '#0b5f8f',
  },
} as const;

export type ThemeName = keyof typeof THEME_TOKENS;
export type ThemeToken = keyof (typeof THEME_TOKENS)['dark'];

/** Sets the theme's colours on the page (`--name` for each token) and tells the browser which scheme it is. */
export function applyTheme(theme: ThemeName, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(THEME_TOKENS[theme])) root.style.setProperty(`--${name}`, value);
  root.style.colorScheme = theme;
  root.dataset.theme = theme;
}
