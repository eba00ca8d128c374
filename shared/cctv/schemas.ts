import { z } from 'zod';
import { ActingOperator as Operator } from '../auth/schemas.js';
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

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'ids use letters, digits and _ . : @ -');
const Speed = z.number().min(-1).max(1);

export const CameraIdSchema = z.object({ id: Id });
/** Speeds -1…1 for pan (right +), tilt (up +) and zoom (in +): the camera moves until stopped. */
export const PtzMoveSchema = z.object({ id: Id, pan: Speed.default(0), tilt: Speed.default(0), zoom: Speed.default(0), operator: Operator });
export const PtzStopSchema = z.object({ id: Id, operator: Operator });
export const PtzPresetSchema = z.object({ id: Id, preset: z.string().trim().min(1).max(40), operator: Operator });
/** ONVIF's generic space: pan and tilt -1…1, zoom 0…1. */
export const PtzAbsoluteSchema = z.object({ id: Id, pan: Speed, tilt: Speed, zoom: z.number().min(0).max(1).default(0), operator: Operator });
/** Turn a PTZ camera to look along a bearing: its nearest preset, or an absolute pan. */
export const PtzPointSchema = z.object({ id: Id, bearing: z.number().min(0).max(360), operator: Operator });

export interface PtzReport {
  position: { pan: number; tilt: number; zoom: number };
  moving: boolean;
}
/** After a PTZ act: where the camera says it is, or null when it would not say. */
export interface PtzAnswer {
  status: PtzReport | null;
}
export interface PtzPointResult {
  /** How the camera was turned: to a preset (named) or by an absolute pan. */
  by: { preset: string } | { pan: number };
}

/** A supervisor moving a camera or turning its cone: only the fields given change. */
export const CameraUpdateSchema = z.object({
  id: Id,
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  bearing: z.number().min(0).lt(360).optional(),
  fov: z.number().gt(0).max(360).optional(),
  range: z.number().gt(0).max(5000).optional(),
  operator: Operator,
});
export const CameraRemoveSchema = z.object({ id: Id, operator: Operator });

export const WallTileSchema = z.object({
  /** 1-based, as the wall's tiles are numbered on screen. */
  tile: z.number().int().min(1).max(16),
  cameraId: Id.nullable(),
  operator: Operator,
});
