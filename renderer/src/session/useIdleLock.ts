import { useEffect } from 'react';
import type { ConsoleStore } from '../store/store.js';
import type { SessionControl } from './sessionControl.js';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often the desk asks itself whether it has been left; a lock comes at most this late. */
export const IDLE_CHECK_MS = 5_000;
/** Input is news for the desk's other windows at most this often. */
const TELL_OTHERS_EVERY_MS = 5_000;

/**
 * Locks the desk after the host's `lockAfterMin` minutes with no keyboard, mouse or touch input in
 * any of its windows (0: never). An alarm coming in is not input: the desk locks with it showing.
 */
export function useIdleLock(store: ConsoleStore, control: Pick<SessionControl, 'lock' | 'reportActivity' | 'onActivityElsewhere'>): void {
  useEffect(() => {
    let last = Date.now();
    let told = 0;
    const onInput = () => {
      last = Date.now();
      if (last - told >= TELL_OTHERS_EVERY_MS) {
        told = last;
        control.reportActivity();
      }
    };
    const offElsewhere = control.onActivityElsewhere(() => (last = Date.now()));
    for (const t of INPUT_EVENTS) window.addEventListener(t, onInput, { capture: true, passive: true });
    let locking = false;
    const timer = setInterval(() => {
      const { sessionStatus, session } = store.getState();
      const after = session?.lockAfterMin ?? 0;
      if (sessionStatus !== 'signed-in' || !session || session.locked || after <= 0 || locking) return;
      if (Date.now() - last < after * 60_000) return;
      locking = true;
      void control.lock().finally(() => (locking = false));
    }, IDLE_CHECK_MS);
    return () => {
      clearInterval(timer);
      offElsewhere();
      for (const t of INPUT_EVENTS) window.removeEventListener(t, onInput, { capture: true });
    };
  }, [store, control]);
}
