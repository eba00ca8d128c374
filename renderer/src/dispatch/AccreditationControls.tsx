import { useState } from 'react';
import { POWER_LABELS, type Power } from '../../../shared/domain/powers.js';
import type { Unit } from '../../../shared/domain/units.js';
import { useHost } from '../host/HostContext.js';
import { useConsoleStore } from '../store/store.js';
import { mergeById } from '../store/slices.js';
import { FormError } from '../status/FormError.js';

/** A supervisor withdraws or restores one of an officer's powers (a lapsed accreditation, say); journaled by the host. */
export function AccreditationControls({ unit }: { unit: Unit }) {
  const host = useHost();
  const store = useConsoleStore();
  const [power, setPower] = useState<Power | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const withdrawn = power !== '' && unit.withdrawnPowers.includes(power);

  const apply = async () => {
    if (power === '') return;
    const r = await host.call(withdrawn ? 'restoreAccreditation' : 'withdrawAccreditation', { id: unit.id, power, ...(reason.trim() && { reason: reason.trim() }) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setReason('');
    // The stream brings the change within 100 ms; showing it now keeps the card in step with the click.
    store.setState((st) => ({ units: mergeById(st.units, [r.value], false) }));
    store.getState().notify(`${unit.callsign}: ${POWER_LABELS[power]} ${withdrawn ? 'restored' : 'withdrawn'}.`, 'info');
  };

  return (
    <div className="accreditation" aria-label={`Accreditation for ${unit.callsign}`}>
      <select aria-label="Power to withdraw or restore" value={power} onChange={(e) => setPower(e.target.value as Power | '')}>
        <option value="">Withdraw or restore a power…</option>
        {unit.powers.map((p) => (
          <option key={p} value={p}>
            {unit.withdrawnPowers.includes(p) ? 'Restore: ' : 'Withdraw: '}
            {POWER_LABELS[p]}
          </option>
        ))}
      </select>
      {power !== '' && (
        <>
          <input aria-label="Reason" placeholder="Reason (recorded)" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className={withdrawn ? '' : 'danger'} onClick={() => void apply()}>
            {withdrawn ? 'Restore' : 'Withdraw'}
          </button>
        </>
      )}
      <FormError error={error} />
    </div>
  );
}
