import type { UnitId } from '../domain/ids.js';
import { POWER_LABELS, type Power } from '../domain/powers.js';
import type { Unit } from '../domain/units.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';

/**
 * A supervisor withdraws (or restores) one of an officer's powers, e.g. a lapsed CSAS
 * accreditation: journaled, and from then on the officer is not offered for work that needs it.
 */
export async function setAccreditation(service: ConsoleService, id: UnitId, power: Power, withdrawn: boolean, by: string, reason?: string): Promise<Result<Unit>> {
  const r = await service.decide(() => {
    const u = service.unit(id);
    if (!u) return fail(`No unit ${id} on the roster.`, 'not_found');
    if (withdrawn && !u.powers.includes(power)) return fail(`${u.callsign} does not hold "${POWER_LABELS[power]}"; there is nothing to withdraw.`, 'conflict');
    const already = u.withdrawnPowers.includes(power);
    if (withdrawn === already)
      return fail(`${u.callsign}'s accreditation for "${POWER_LABELS[power]}" is already ${withdrawn ? 'withdrawn' : 'in force'}.`, 'conflict');
    return ok([{ type: 'unit.accreditation', unitId: u.id, power, withdrawn, at: service.now(), by, ...(reason && { reason }) }]);
  });
  return r.ok ? ok(service.unit(id)!) : r;
}
