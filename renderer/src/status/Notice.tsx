import { useEffect } from 'react';
import { useConsole, useConsoleStore } from '../store/store.js';

/** The last message for the dispatcher; errors stay until dismissed, information fades. */
export function Notice() {
  const store = useConsoleStore();
  const notice = useConsole((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const t = setTimeout(() => store.getState().clearNotice(), 6000);
    return () => clearTimeout(t);
  }, [notice, store]);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
      <button type="button" aria-label="Dismiss" onClick={() => store.getState().clearNotice()}>
        ×
      </button>
    </div>
  );
}
