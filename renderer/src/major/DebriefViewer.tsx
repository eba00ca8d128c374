import { useCallback, useState } from 'react';
import { useHost } from '../host/HostContext.js';
import { ReportDialog } from './ReportDialog.js';

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** The debrief pack: the printable page shown in the console, the PDF and JSON saved as files. */
export function DebriefViewer({ id, onClose }: { id: string; onClose: () => void }) {
  const host = useHost();
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => host.call('getMajorDebrief', { id, format: 'html' }), [host, id]);

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
    <ReportDialog
      name="debrief"
      title={`Debrief ${id}`}
      load={load}
      error={error}
      onClose={onClose}
      actions={
        <>
          <button type="button" id="debrief-pdf" onClick={() => void save('pdf')}>
            Save PDF
          </button>
          <button type="button" id="debrief-json" onClick={() => void save('json')}>
            Save JSON
          </button>
        </>
      }
    />
  );
}
