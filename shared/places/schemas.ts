import { z } from 'zod';

/** `GET /api/places?q=&near=lat,lon&limit=`: what is typed, where the map is looking, how many. */
export const PlaceQuerySchema = z.object({
  q: z.string().max(200),
  near: z
    .string()
    .regex(/^\s*-?\d{1,2}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/, 'near is "lat,lon" in decimal degrees')
    .transform((s) => {
      const [lat, lon] = s.split(',').map(Number) as [number, number];
      return { lat, lon };
    })
    .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180, 'near is outside -90..90, -180..180')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
