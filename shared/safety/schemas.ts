import { z } from 'zod';
import { ActingOperator as Operator } from '../auth/schemas.js';
import { decimalNumber } from '../decimal.js';

// Safety operations' inputs. Query-string numbers arrive as text: read as decimal, never "0x10".
const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'ids use letters, digits and _ . : @ -');
const Epoch = decimalNumber.pipe(z.number().int().min(0).max(8.64e15));

export const RaiseEmergencySchema = z.object({ id: Id, operator: Operator });
export const AlarmActionSchema = z.object({ id: Id, operator: Operator });
export const AlarmNearbySchema = z.object({
  id: Id,
  units: decimalNumber.pipe(z.number().int().min(1).max(50)).optional(),
  cameras: decimalNumber.pipe(z.number().int().min(1).max(20)).optional(),
});
export const TrackSchema = z.object({
  id: Id,
  /** Epoch ms; default: the last 30 minutes. */
  from: Epoch.optional(),
  to: Epoch.optional(),
  maxPoints: decimalNumber.pipe(z.number().int().min(2).max(20_000)).optional(),
});
export const ReplaySchema = z.object({
  at: Epoch,
  /** How far back a fix still counts as "where the unit was"; default 15 minutes. */
  windowS: decimalNumber.pipe(z.number().int().min(10).max(24 * 3600)).optional(),
});
