import type { Unit } from '../../../shared/domain/units.js';
import { shownStatus } from './unitView.js';

/** An officer's status as a dot and words, the same on the board, the card and the allocation list. */
export function UnitStatusLabel({ unit }: { unit: Pick<Unit, 'status' | 'fix' | 'heardAt'> }) {
  const s = shownStatus(unit);
  return (
    <>
      <i className={s.notHeard ? 'dot not-heard' : 'dot'} style={s.colour ? { background: s.colour } : undefined} data-status={s.notHeard ? 'not_heard' : unit.status} />
      {s.label}
    </>
  );
}
