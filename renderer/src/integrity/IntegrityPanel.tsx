import './integrity.css';
import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus, IntegrityCheck } from '../../../shared/journal/integrity.js';
import { useHost } from '../host/HostContext.js';
import { useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';
import { useCan } from '../session/can.js';

const when = (ms: number) => new Date(ms).toLocaleString('en-GB');

/** The journal's integrity: its hash chain walked on demand, and online backups on demand. */
export function IntegrityPanel() {
  const host = useHost();
  const store = useConsoleStore();
  const [check, setCheck] = useState<IntegrityCheck | null>(null);
  const [backups, setBackups] = useState<BackupStatus | null>(null);
  const [busy, setBusy] = useState<'verify' | 'backup' | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Backups are the supervisor's: anyone may check the chain, only they see and make backups.
  const supervises = useCan('listBackups');
  const loadBackups = useCallback(async () => {
    if (!supervises) return;
    const r = await host.call('listBackups', {});
    if (r.ok) setBackups(r.value);
  }, [host, supervises]);
  useEffect(() => void loadBackups(), [loadBackups]);

  const verify = async () => {
    setBusy('verify');
    const r = await host.call('verifyJournal', {});
    setBusy(null);
    if (r.ok) {
      setCheck(r.value);
      setError(null);
    } else setError(r.error);
  };
  const backup = async () => {
    setBusy('backup');
    const r = await host.call('backupJournal', {});
    setBusy(null);
    if (!r.ok) setError(r.error);
    else setError(null);
    await loadBackups();
  };

  return (
    <section className="integrity-panel" aria-label="Journal integrity">
      <header className="panel-head">
        <h2>Journal integrity</h2>
        <span className="hint">
          <kbd>J</kbd> or <kbd>Esc</kbd> close
        </span>
      </header>
      <div className="integrity-actions">
        <button type="button" id="integrity-verify" className="primary" disabled={busy !== null} onClick={() => void verify()}>
          {busy === 'verify' ? 'Verifying…' : 'Verify the chain'}
        </button>
        {supervises && (
          <button type="button" id="integrity-backup" disabled={busy !== null} onClick={() => void backup()}>
            {busy === 'backup' ? 'Backing up…' : 'Back up now'}
          </button>
        )}
        <button type="button" onClick={() => store.getState().toggleIntegrity()}>
          Close
        </button>
      </div>
      <FormError error={error} />
      {check && (
        <p className={`integrity-verdict ${check.ok ? 'holds' : 'broken'}`} role={check.ok ? 'status' : 'alert'} data-verdict={check.ok ? 'holds' : 'broken'}>
          {check.ok
            ? `The chain holds: ${check.checked.toLocaleString('en-GB')} events checked in ${check.ms} ms${check.head ? `; head event ${check.head.seq}, ${check.head.hash}` : ''}.`
            : `The chain is broken at event ${check.seq}: ${check.problem}.`}
          {check.start.afterSeq > 0 && ` Events up to ${check.start.afterSeq} were journaled before the chain existed and are not covered.`}
          <span className="when"> Checked {when(check.at)}.</span>
        </p>
      )}
      {backups && (
        <div className="integrity-backups">
          <p>
            Backups go to <code>{backups.folder}</code>, {backups.everyMin > 0 ? `every ${backups.everyMin} min and on demand` : 'on demand only'}.
            {backups.lastError && <span className="form-error"> {backups.lastError}</span>}
          </p>
          <ol>
            {backups.backups.slice(0, 5).map((b) => (
              <li key={b.file}>
                {when(b.at)} — {(b.bytes / 1e6).toFixed(1)} MB{b.head.seq ? `, up to event ${b.head.seq}` : ''}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
