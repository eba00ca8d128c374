import { useEffect } from 'react';

/** Where focus goes when whatever held it disappears: the incident queue, the console's home. */
export const HOME_FOCUS_ID = 'incident-queue';

export function focusHome(): void {
  document.getElementById(HOME_FOCUS_ID)?.focus();
}

/**
 * For panels that take focus: on close, give focus back to what had it before, or to the queue if
 * that element has gone, so the keyboard never ends up on <body>.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    return () => {
      // After React has removed the panel.
      queueMicrotask(() => {
        const active = document.activeElement;
        if (active && active !== document.body && document.contains(active)) return;
        if (before && before !== document.body && document.contains(before)) before.focus();
        else focusHome();
      });
    };
  }, []);
}
