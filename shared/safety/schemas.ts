import { z } from 'zod';

// Safety operations' inputs (issue 6). Query-string numbers arrive as text, hence coerce.
const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'ids use letters, digits and _ . : @ -');
const Operator = z.string().trim().min(1).max(64).default('dispatcher');
const Epoch = z.coerce.number().int().min(0).max(8.64e15);

export const RaiseEmergencySchema = z.object({ id: Id, operator: Operator });
export const AlarmActionSchema = z.object({ id: Id, operator: Operator });
export const AlarmNearbySchema = z.object({
  id: Id,
  units: z.coerce.number().int().min(1).max(50).optional(),
  cameras: z.coerce.number().int().min(1).max(20).optional(),
});
export const TrackSchema = z.object({
  id: Id,
  /** Epoch ms; default: the last 30 minutes. */
  from: Epoch.optional(),
  to: Epoch.optional(),
  maxPoints: z.coerce.number().int().min(2).max(20_000).optional(),
});
export const ReplaySchema = z.object({
  at: Epoch,
  /** How far back a fix still counts as "where the unit was"; default 15 minutes. */
  windowS: z.coerce.number().int().min(10).max(24 * 3600).optional(),
});
