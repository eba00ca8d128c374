import { z } from 'zod';
import { decimalNumber } from '../decimal.js';
import type { Camera, Rejected } from './registry.js';

/** Where a camera's picture stands, as the host sees its RTSP pull. */
export type StreamState = 'idle' | 'connecting' | 'live' | 'no_signal';

/** A camera as the console shows it: the registry row (never its credentials) and its stream. */
export interface CameraView extends Camera {
  state: StreamState;
  /** Why there is no picture, in words; null while there is one or nobody asked. */
  error: string | null;
}

const Operator = z.string().trim().min(1).max(64).default('dispatcher');

/**
 * The registry file as sent: over HTTP it is the request body (text/csv or application/geo+json)
 * and the operator comes from `?operator=`.
 */
export const CameraImportSchema = z.object({
  format: z.enum(['csv', 'geojson']),
  text: z.string().max(1024 * 1024),
  operator: Operator,
});

export interface CameraImportResult {
  loaded: number;
  rejected: Rejected[];
}

export const VisibleQuerySchema = z.object({
  lat: decimalNumber.pipe(z.number().min(-90).max(90)),
  lon: decimalNumber.pipe(z.number().min(-180).max(180)),
});
