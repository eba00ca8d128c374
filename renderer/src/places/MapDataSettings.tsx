import { type FormEvent, useEffect, useRef, useState } from 'react';
import './places.css';
import type { MapImportStatus } from '../../../shared/contract.js';
import { useHost } from '../host/HostContext.js';
import { useConsoleStore } from '../store/store.js';
import { useCan } from '../session/can.js';

const FIELDS = [
  { key: 'tiles', label: 'Vector tiles (folder, .mbtiles or .pmtiles)', required: true },
  { key: 'postcodes', label: 'Code-Point Open postcodes (CSV)', required: true },
  { key: 'wards', label: 'Ward names (CSV, optional)', required: false },
  { key: 'openNames', label: 'OS Open Names (CSV, optional)', required: false },
  { key: 'addresses', label: 'LLPG / AddressBase addresses (CSV, optional)', required: false },
] as const;
type Paths = Record<(typeof FIELDS)[number]['key'], string>;
const POLL_MS = 500;

const STATE_TEXT: Record<MapImportStatus['state'], string> = {
  idle: 'No import started from this console since the host started.',
  running: 'Importing…',
  done: 'Imported: the map and place search use the new data.',
  refused: 'Refused: the previous map stays in use.',
  failed: 'The import failed: the previous map stays in use.',
};

/**
 * Map data (Alt+I): a supervisor gives the paths, on the host's machine, of the council's tiles
 * and postcode files, starts the import and watches it; when it is done the map and the place
 * search switch to the new data, and a refused file is shown with its line and reason.
 */
export function MapDataSettings() {
  const host = useHost();
  const store = useConsoleStore();
  const [open, setOpen] = useState(false);
  const [paths, setPaths] = useState<Paths>({ tiles: '', postcodes: '', wards: '', openNames: '', addresses: '' });
  const [status, setStatus] = useState<MapImportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  // While open, follow the import; when one finishes, take the host's settings again so the map
  // redraws from the newly imported tiles (search reads the new gazetteer by itself).
  const running = status?.state === 'running';
  const mayImport = useCan('startMapImport');
  const lastState = useRef<MapImportStatus['state'] | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const look = () =>
      void host.call('getMapImport', {}).then((r) => {
        if (!live) return;
        if (!r.ok) return setError(r.error);
        if (lastState.current === 'running' && r.value.state === 'done')
          void host.call('getSettings', {}).then((s) => s.ok && store.getState().setSettings({ streetMap: s.value.streetMap ?? null }));
        lastState.current = r.value.state;
        setStatus(r.value);
        if (r.value.state === 'running') timer = setTimeout(look, POLL_MS);
      });
    look();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [open, running, host, store]);

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [status?.lines.length]);

  if (!open)
    return (
      <button type="button" className="map-data-open" onClick={() => setOpen(true)} title="Map data (Alt+I)">
        Map data <kbd>Alt+I</kbd>
      </button>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = Object.fromEntries(Object.entries(paths).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    void host.call('startMapImport', body as Paths).then((r) => {
      if (!r.ok) return setError(r.error);
      lastState.current = r.value.state;
      setStatus(r.value);
    });
  };

  return (
    <div
      className="map-data"
      role="dialog"
      aria-label="Map data"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <h2>Map data</h2>
      <p className="map-data-hint">Paths on the host's machine. The import replaces the street map and the gazetteer only when it is whole.</p>
      <form onSubmit={submit}>
        {FIELDS.map((f, i) => (
          <label key={f.key}>
            {f.label}
            <input
              ref={i === 0 ? first : undefined}
              id={`map-data-${f.key}`}
              value={paths[f.key]}
              required={f.required}
              spellCheck={false}
              onChange={(e) => setPaths({ ...paths, [f.key]: e.target.value })}
            />
          </label>
        ))}
        <div className="map-data-actions">
          {mayImport ? (
            <button type="submit" disabled={running}>
              Import
            </button>
          ) : (
            <span className="hint">Importing map data is a supervisor’s task.</span>
          )}
          <button type="button" onClick={() => setOpen(false)}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
      </form>
      {error && (
        <p className="map-data-error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <div className="map-data-status" data-state={status.state}>
          <p>{STATE_TEXT[status.state]}</p>
          {status.error && <p className="map-data-error" role="alert">{status.error}</p>}
          <ol ref={log} className="map-data-log" role="log" aria-label="Import progress">
            {status.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
