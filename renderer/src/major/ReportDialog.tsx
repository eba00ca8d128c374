import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ReportDocument } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import { FormError } from '../status/FormError.js';

/**
 * A printable page asked of the host through the contract (so it works in Electron's window as in
 * a browser) and shown inside the console in a frame that runs no scripts, with Print and Close
 * (Esc). `name` names its parts: `{name}-viewer`, `{name}-frame`, `#{name}-print`.
 */
export function ReportDialog(p: { name: string; title: string; load: () => Promise<Result<unknown>>; actions?: ReactNode; error?: string | null; onClose: () => void }) {
  const { load } = p;
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let made: string | null = null;
    let live = true;
    void load().then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      const doc = (r.value as Partial<ReportDocument>).document;
      if (!doc) return setError('The host did not send a printable page.');
      made = URL.createObjectURL(new Blob([doc.body], { type: doc.contentType }));
      setUrl(made);
    });
    close.current?.focus();
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [load]);

  return (
    <div className={`report-viewer ${p.name}-viewer`} role="dialog" aria-label={p.title} onKeyDown={(e) => e.key === 'Escape' && p.onClose()}>
      <header className="panel-head">
        <h2>{p.title}</h2>
        <span className="row">
          <button type="button" id={`${p.name}-print`} disabled={!url} onClick={() => frame.current?.contentWindow?.print()}>
            Print
          </button>
          {p.actions}
          <button type="button" ref={close} onClick={p.onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </span>
      </header>
      <FormError error={error ?? p.error ?? null} />
      {/* Same origin so Print can reach it; no scripts run inside. */}
      {url && <iframe ref={frame} className={`report-frame ${p.name}-frame`} title={p.title} src={url} sandbox="allow-same-origin allow-modals" />}
    </div>
  );
}
