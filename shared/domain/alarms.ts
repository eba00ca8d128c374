import type { AlarmId, UnitId } from './ids.js';

export type AlarmSource = 'device' | 'radio' | 'dispatcher';

/** An officer's emergency: shown until a dispatcher acknowledges it and it is stood down. */
export interface Alarm {
  id: AlarmId;
  unitId: UnitId;
  source: AlarmSource;
  raisedAt: number;
  raisedBy: string;
  lat?: number;
  lon?: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  stoodDownAt: number | null;
  stoodDownBy: string | null;
}
