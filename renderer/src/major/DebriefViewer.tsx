import { useEffect, useRef, useState } from 'react';
import { useHost } from '../host/HostContext.js';
import { FormError } from '../status/FormError.js';

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * The debrief pack, asked of the host through the contract (so it works in Electron's window as in
 * a browser) and shown inside the console: the printable page in a frame that runs no scripts, and
 * the PDF and JSON saved as files.
 */
export function DebriefViewer({ id, onClose }: { id: string; onClose: () => void }) {
  const host = useHost();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let made: string | null = null;
    void host.call('getMajorDebrief', { id, format: 'html' }).then((r) => {
      if (!r.ok) return setError(r.error);
      if (!('document' in r.value)) return setError('The host did not send a printable report.');
      made = URL.createObjectURL(new Blob([r.value.document.body], { type: r.value.document.contentType }));
      setUrl(made);
    });
    close.current?.focus();
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [host, id]);

  const save = async (format: 'pdf' | 'json') => {
    const r = await host.call('getMajorDebrief', { id, format });
    if (!r.ok) return setError(r.error);
    const blob =
      'document' in r.value
        ? new Blob([r.value.document.encoding === 'base64' ? bytes(r.value.document.body) : r.value.document.body], { type: r.value.document.contentType })
        : new Blob([JSON.stringify(r.value, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `debrief-${id}.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <div className="debrief-viewer" role="dialog" aria-label={`Debrief ${id}`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="panel-head">
        <h2>Debrief {id}</h2>
        <span className="row">
          <button type="button" id="debrief-print" disabled={!url} onClick={() => frame.current?.contentWindow?.print()}>
            Print
          </button>
          <button type="button" id="debrief-pdf" onClick={() => void save('pdf')}>
            Save PDF
          </button>
          <button type="button" id="debrief-json" onClick={() => void save('json')}>
            Save JSON
          </button>
          <button type="button" ref={close} onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </span>
      </header>
      <FormError error={error} />
      {/* Same origin so Print can reach it; no scripts run inside. */}
      {url && <iframe ref={frame} className="debrief-frame" title={`Debrief ${id}`} src={url} sandbox="allow-same-origin allow-modals" />}
    </div>
  );
}
