import { z } from 'zod';
import { ActingOperator as Operator } from './auth/schemas.js';
import type { Alarm } from './domain/alarms.js';
import { CATEGORY_IDS } from './domain/categories.js';
import type { IncidentLogEntry } from './domain/incident-log.js';
import type { Incident } from './domain/incidents.js';
import { INCIDENT_STATES } from './domain/lifecycle.js';
import { type Unit, UNIT_STATUSES } from './domain/units.js';
import type { Result } from './result.js';
import type { RejectReason } from './telemetry.js';
import type { FixValues } from './wire/fix.js';
import type { CameraSighting } from './cctv/visibility.js';
import {
  CameraIdSchema,
  CameraRemoveSchema,
  CameraUpdateSchema,
  CameraImportSchema,
  type CameraImportResult,
  type CameraView,
  PtzAbsoluteSchema,
  PtzMoveSchema,
  PtzPointSchema,
  type PtzPointResult,
  PtzPresetSchema,
  type PtzAnswer,
  type PtzReport,
  PtzStopSchema,
  VisibleQuerySchema,
  WallTileSchema,
} from './cctv/schemas.js';
import type { WallLayout } from './cctv/layouts.js';
import type { GatewayHealth } from './safety/gateway-health.js';
import type { AlarmSurroundings } from './safety/nearby.js';
import { AlarmActionSchema, AlarmNearbySchema, RaiseEmergencySchema, ReplaySchema, TrackSchema } from './safety/schemas.js';
import type { BwvLogEntry, ReplayFrame, Track } from './safety/tracks.js';
import type { Recommendation } from './dispatch/ranking.js';
import type { AllocatedRoute } from './routing/allocated-routes.js';
import type { RepeatCandidate } from './dispatch/repeats.js';
import type { PspoZoneCollection } from './dispatch/pspo.js';
import type { IntakeRejectReason } from './dispatch/intake.js';
import { POWERS } from './domain/powers.js';
import { decimalNumber } from './decimal.js';
import { PlaceQuerySchema } from './places/schemas.js';
import type { Place } from './places/types.js';
import type { DebriefPack, TimelineEntry } from './major/debrief.js';
import { CommitmentSchema, DebriefSchema, DecisionSchema, DeclareMajorSchema, MethaneQuerySchema, MethaneUpdateSchema, ReviewSchema, SceneSchema, StandDownSchema } from './major/schemas.js';
import type { MajorIncidentView, MethaneMessage } from './major/view.js';
import type { BackupRecord, BackupStatus, IntegrityCheck } from './journal/integrity.js';
import {
  type Access,
  type Caller,
  CAMERAS,
  mayCall,
  DECLARE_MAJOR,
  DISPATCH,
  MAJOR,
  OBSERVE,
  type Role,
  SUPERVISION,
  TRACKING,
  WALL_DRIVERS,
} from './auth/roles.js';
import type { AuditEntry, AuditedRead } from './auth/audit.js';
import {
  AuditQuerySchema,
  CreateOperatorSchema,
  type OperatorView,
  type SessionInfo,
  SessionIdSchema,
  type SessionView,
  type SignedIn,
  SignInSchema,
  type StreamTicket,
  UnlockSchema,
} from './auth/schemas.js';

/**
 * The one contract between the console host and every client: the renderer in Electron (through
 * the preload bridge), the renderer in a browser (HTTP + WebSocket), and scripts. HTTP routes and
 * IPC handlers are both built from `OPERATIONS`; inputs are parsed with these schemas where they
 * enter the host, so nothing from a window or the network is trusted.
 */

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:@-]+$/, 'ids use letters, digits and _ . : @ -');
const LatLonSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const NewIncidentSchema = z.object({
  category: z.enum(CATEGORY_IDS as [string, ...string[]], { message: 'unknown incident category' }),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  description: z.string().trim().max(2000).default(''),
  location: LatLonSchema,
  address: z.string().trim().max(200).optional(),
  /** The dispatcher has been told the location is outside the service area and confirms it. */
  outsideServiceAreaConfirmed: z.boolean().optional(),
  operator: Operator,
});

export const TransitionSchema = z.object({
  id: Id,
  action: z.enum([...INCIDENT_STATES, 'reopened'] as [string, ...string[]]),
  note: z.string().trim().max(500).optional(),
  operator: Operator,
});

export const AllocateSchema = z.object({ id: Id, unitId: Id, operator: Operator });
const Reason = z.string().trim().min(1, 'say why').max(500);
export const NoteSchema = z.object({ id: Id, text: z.string().trim().min(1, 'the note is empty').max(2000), operator: Operator });
export const AmendSchema = z
  .object({
    id: Id,
    priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    category: z.enum(CATEGORY_IDS as [string, ...string[]], { message: 'unknown incident category' }).optional(),
    reason: Reason,
    operator: Operator,
  })
  .refine((a) => a.priority !== undefined || a.category !== undefined, { message: 'give a new priority or category' });
export const DeallocateSchema = z.object({ id: Id, unitId: Id, reason: z.string().trim().max(500).optional(), operator: Operator });
/** Takes `fromUnitId` off the incident and allocates `unitId` instead, as one journaled act. */
export const ReassignSchema = z.object({ id: Id, fromUnitId: Id, unitId: Id, reason: z.string().trim().max(500).optional(), operator: Operator });
export const IdSchema = z.object({ id: Id });

/** Paths on the host's own machine: what `npm run import-map` takes, from the console's settings. */
const HostPath = z.string().trim().min(1).max(1000).refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), 'give the full path on the host, from / (or a drive letter)');
export const MapImportSchema = z.object({
  tiles: HostPath,
  postcodes: HostPath,
  wards: HostPath.optional(),
  openNames: HostPath.optional(),
  addresses: HostPath.optional(),
  operator: Operator,
});

/** An import started from the console: its progress lines as the importer writes them, and how it ended. */
export interface MapImportStatus {
  state: 'idle' | 'running' | 'done' | 'refused' | 'failed';
  /** The importer's progress, oldest first (the last 200 lines). */
  lines: string[];
  /** Why it was refused or failed, as the importer put it (file, line and reason). */
  error: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  by: string | null;
}

// Dispatch: recommending, linking repeat reports, accreditation and PSPO zones.
export const RecommendSchema = z.object({ id: Id, limit: decimalNumber.pipe(z.number().int().min(1).max(50)).optional() });
export const RepeatQuerySchema = z.object({
  category: z.enum(CATEGORY_IDS as [string, ...string[]], { message: 'unknown incident category' }),
  lat: decimalNumber.pipe(z.number().min(-90).max(90)),
  lon: decimalNumber.pipe(z.number().min(-180).max(180)),
});
export const LinkReportSchema = z.object({ id: Id, description: z.string().trim().max(2000).optional(), operator: Operator });
export const AccreditationSchema = z.object({
  id: Id,
  power: z.enum(POWERS as unknown as [string, ...string[]], { message: 'unknown power' }),
  reason: z.string().trim().max(300).optional(),
  operator: Operator,
});
/** A status or position from radio traffic, entered by hand while telemetry is down. */
export const ManualEntrySchema = z
  .object({
    id: Id,
    status: z.enum(UNIT_STATUSES).optional(),
    position: LatLonSchema.optional(),
    note: z.string().trim().max(500).optional(),
    operator: Operator,
  })
  .refine((m) => m.status !== undefined || m.position !== undefined, { message: 'give a status, a position or both' });
export const PspoZonesSchema = z.object({ zones: z.unknown(), operator: Operator });

export interface IntakeHealth {
  mqtt: { accepted: number; linked: number; rejected: Record<IntakeRejectReason, number>; lastRejected: { reason: IntakeRejectReason; detail: string; at: number }[] };
  open311: { accepted: number; linked: number; refused: number };
  assignments: { sent: number; acknowledged: number; escalated: number; awaitingAck: number; ackTimeoutS: number };
}
export const Empty = z.object({}).passthrough();

export interface Health {
  status: 'ok' | 'degraded' | 'failed';
  startedAt: number;
  now: number;
  broker: { url: string; connected: boolean; embedded: boolean; lastError: string | null; since: number; queuedOutgoing?: number };
  journal: { path: string; healthy: boolean; error: string | null; lastSeq: number; schemaVersion: number; pendingTelemetry: number };
  telemetry: { accepted: number; rejected: Record<RejectReason, number>; rejectedTotal: number; lastRejected: { reason: RejectReason; detail: string; topic: string; at: number }[] };
  units: number;
  openIncidents: number;
  simulator: { running: boolean; units: number };
  /** Radio (TETRA LIP) and OwnTracks gateways. */
  gateways?: GatewayHealth;
}

/** Deployment choices the console reads once at start-up (`--map-style`, `--map-detail`, stale age). */
export interface ConsoleSettings {
  /** A MapLibre style URL (online or self-hosted tiles); null = the bundled offline basemap. */
  mapStyleUrl: string | null;
  /** A unit whose last fix is older than this is drawn as stale. */
  staleAfterS: number;
  /** Map resolution (`--map-detail`): null lets each console choose from its GPU. */
  mapDetail?: 'full' | 'reduced' | null;
  /** The imported street map the host serves (`npm run import-map`); absent = none imported. */
  streetMap?: StreetMapSettings | null;
}

/** An imported OpenMapTiles street map: where its tiles and fonts are, and whose data it is. */
export interface StreetMapSettings {
  /** Tile URL template relative to the console, e.g. `map/tiles/{z}/{x}/{y}.pbf`. */
  tiles: string;
  glyphs: string;
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  /** Credit lines for the data, shown on the map. */
  attribution: string[];
}

interface Operation<I extends z.ZodType, O> {
  method: 'GET' | 'POST' | 'DELETE';
  /** `:id` segments are taken from the input. */
  path: string;
  input: I;
  /** Phantom: the type of `value` in the answer. */
  output?: O;
  /** Creates or changes state: committed to the journal with synchronous=FULL before answering. */
  durable: boolean;
  /** Who may call it: checked by the host for every way in, read by the console to hide what is not allowed. */
  roles: Access;
  /**
   * A sensitive read (an officer's movements, an export): journaled as seen by the caller. The
   * function names what was read, from the parsed input.
   */
  audited?: (input: never) => { what: AuditedRead; subject: string };
}

const op = <I extends z.ZodType, O>(o: Omit<Operation<I, O>, 'output'>): Operation<I, O> => o;

export const OPERATIONS = {
  getHealth: op<typeof Empty, Health>({ method: 'GET', path: '/api/health', input: Empty, roles: 'signed_in', durable: false }),
  listUnits: op<typeof Empty, Unit[]>({ method: 'GET', path: '/api/units', input: Empty, roles: 'signed_in', durable: false }),
  listIncidents: op<typeof Empty, Incident[]>({ method: 'GET', path: '/api/incidents', input: Empty, roles: 'signed_in', durable: false }),
  getIncident: op<typeof IdSchema, Incident>({ method: 'GET', path: '/api/incidents/:id', input: IdSchema, roles: 'signed_in', durable: false }),
  createIncident: op<typeof NewIncidentSchema, Incident>({ method: 'POST', path: '/api/incidents', input: NewIncidentSchema, roles: OBSERVE, durable: true }),
  transitionIncident: op<typeof TransitionSchema, Incident>({
    method: 'POST',
    path: '/api/incidents/:id/transition',
    input: TransitionSchema,
    roles: DISPATCH, durable: true,
  }),
  allocateUnit: op<typeof AllocateSchema, Incident>({
    method: 'POST',
    path: '/api/incidents/:id/allocations',
    input: AllocateSchema,
    roles: DISPATCH, durable: true,
  }),
  getIncidentLog: op<typeof IdSchema, IncidentLogEntry[]>({ method: 'GET', path: '/api/incidents/:id/log', input: IdSchema, roles: 'signed_in', durable: false }),
  addIncidentNote: op<typeof NoteSchema, Incident>({ method: 'POST', path: '/api/incidents/:id/notes', input: NoteSchema, roles: OBSERVE, durable: true }),
  amendIncident: op<typeof AmendSchema, Incident>({ method: 'POST', path: '/api/incidents/:id/amend', input: AmendSchema, roles: DISPATCH, durable: true }),
  deallocateUnit: op<typeof DeallocateSchema, Incident>({ method: 'POST', path: '/api/incidents/:id/deallocate', input: DeallocateSchema, roles: DISPATCH, durable: true }),
  reassignUnit: op<typeof ReassignSchema, Incident>({ method: 'POST', path: '/api/incidents/:id/reassign', input: ReassignSchema, roles: DISPATCH, durable: true }),
  listAlarms: op<typeof Empty, Alarm[]>({ method: 'GET', path: '/api/alarms', input: Empty, roles: 'signed_in', durable: false }),
  // Officer safety: alarms are raised, acknowledged and stood down as separate, attributed acts.
  raiseEmergency: op<typeof RaiseEmergencySchema, Alarm>({ method: 'POST', path: '/api/units/:id/emergency', input: RaiseEmergencySchema, roles: DISPATCH, durable: true }),
  acknowledgeAlarm: op<typeof AlarmActionSchema, Alarm>({ method: 'POST', path: '/api/alarms/:id/acknowledge', input: AlarmActionSchema, roles: DISPATCH, durable: true }),
  standDownAlarm: op<typeof AlarmActionSchema, Alarm>({ method: 'POST', path: '/api/alarms/:id/stand-down', input: AlarmActionSchema, roles: DISPATCH, durable: true }),
  getAlarmSurroundings: op<typeof AlarmNearbySchema, AlarmSurroundings>({ method: 'GET', path: '/api/alarms/:id/nearby', input: AlarmNearbySchema, roles: 'signed_in', durable: false }),
  listCameras: op<typeof Empty, CameraView[]>({ method: 'GET', path: '/api/cameras', input: Empty, roles: 'signed_in', durable: false }),
  // CCTV: the registry a CCTV manager imports, and which cameras see a place.
  importCameras: op<typeof CameraImportSchema, CameraImportResult>({ method: 'POST', path: '/api/cameras/import', input: CameraImportSchema, roles: SUPERVISION, durable: true }),
  updateCamera: op<typeof CameraUpdateSchema, CameraView>({ method: 'POST', path: '/api/cameras/:id', input: CameraUpdateSchema, roles: SUPERVISION, durable: true }),
  removeCamera: op<typeof CameraRemoveSchema, { removed: string }>({ method: 'POST', path: '/api/cameras/:id/remove', input: CameraRemoveSchema, roles: SUPERVISION, durable: true }),
  camerasThatSee: op<typeof VisibleQuerySchema, CameraSighting[]>({ method: 'GET', path: '/api/cameras/visible', input: VisibleQuerySchema, roles: 'signed_in', durable: false }),
  // PTZ: every move, stop and preset is journaled (audited) before the camera is told.
  ptzMove: op<typeof PtzMoveSchema, PtzAnswer>({ method: 'POST', path: '/api/cameras/:id/ptz/move', input: PtzMoveSchema, roles: CAMERAS, durable: true }),
  ptzStop: op<typeof PtzStopSchema, PtzAnswer>({ method: 'POST', path: '/api/cameras/:id/ptz/stop', input: PtzStopSchema, roles: CAMERAS, durable: true }),
  ptzGotoPreset: op<typeof PtzPresetSchema, PtzAnswer>({ method: 'POST', path: '/api/cameras/:id/ptz/preset', input: PtzPresetSchema, roles: CAMERAS, durable: true }),
  ptzAbsoluteMove: op<typeof PtzAbsoluteSchema, PtzAnswer>({ method: 'POST', path: '/api/cameras/:id/ptz/absolute', input: PtzAbsoluteSchema, roles: CAMERAS, durable: true }),
  ptzPoint: op<typeof PtzPointSchema, PtzPointResult>({ method: 'POST', path: '/api/cameras/:id/ptz/point', input: PtzPointSchema, roles: CAMERAS, durable: true }),
  ptzStatus: op<typeof CameraIdSchema, PtzReport>({ method: 'GET', path: '/api/cameras/:id/ptz', input: CameraIdSchema, roles: 'signed_in', durable: false }),
  ptzPresets: op<typeof CameraIdSchema, string[]>({ method: 'GET', path: '/api/cameras/:id/ptz/presets', input: CameraIdSchema, roles: 'signed_in', durable: false }),
  // The video wall: a layout an operator drives from the desk.
  getWall: op<typeof Empty, WallLayout>({ method: 'GET', path: '/api/wall', input: Empty, roles: 'signed_in', durable: false }),
  sendToWall: op<typeof WallTileSchema, WallLayout>({ method: 'POST', path: '/api/wall/tiles', input: WallTileSchema, roles: WALL_DRIVERS, durable: true }),
  getTrack: op<typeof TrackSchema, Track>({ method: 'GET', path: '/api/units/:id/track', input: TrackSchema, roles: TRACKING, audited: (i: z.output<typeof TrackSchema>) => ({ what: 'track', subject: i.id }), durable: false }),
  replayAt: op<typeof ReplaySchema, ReplayFrame>({ method: 'GET', path: '/api/replay', input: ReplaySchema, roles: TRACKING, audited: (i: z.output<typeof ReplaySchema>) => ({ what: 'replay', subject: new Date(i.at).toISOString() }), durable: false }),
  listBwvEvents: op<typeof IdSchema, BwvLogEntry[]>({ method: 'GET', path: '/api/incidents/:id/bwv', input: IdSchema, roles: TRACKING, audited: (i: z.output<typeof IdSchema>) => ({ what: 'bwv', subject: i.id }), durable: false }),
  getSettings: op<typeof Empty, ConsoleSettings>({ method: 'GET', path: '/api/settings', input: Empty, roles: 'signed_in', durable: false }),
  recommendUnits: op<typeof RecommendSchema, Recommendation>({
    method: 'GET',
    path: '/api/incidents/:id/recommendations',
    input: RecommendSchema,
    roles: DISPATCH, durable: false,
  }),
  getIncidentRoutes: op<typeof IdSchema, AllocatedRoute[]>({ method: 'GET', path: '/api/incidents/:id/routes', input: IdSchema, roles: 'signed_in', durable: false }),
  findRepeatReports: op<typeof RepeatQuerySchema, RepeatCandidate[]>({ method: 'GET', path: '/api/repeat-reports', input: RepeatQuerySchema, roles: OBSERVE, durable: false }),
  linkReport: op<typeof LinkReportSchema, Incident>({ method: 'POST', path: '/api/incidents/:id/reports', input: LinkReportSchema, roles: OBSERVE, durable: true }),
  withdrawAccreditation: op<typeof AccreditationSchema, Unit>({
    method: 'POST',
    path: '/api/units/:id/accreditation/withdraw',
    input: AccreditationSchema,
    roles: SUPERVISION, durable: true,
  }),
  restoreAccreditation: op<typeof AccreditationSchema, Unit>({
    method: 'POST',
    path: '/api/units/:id/accreditation/restore',
    input: AccreditationSchema,
    roles: SUPERVISION, durable: true,
  }),
  recordManualEntry: op<typeof ManualEntrySchema, Unit>({ method: 'POST', path: '/api/units/:id/manual', input: ManualEntrySchema, roles: DISPATCH, durable: true }),
  getPspoZones: op<typeof Empty, PspoZoneCollection>({ method: 'GET', path: '/api/pspo-zones', input: Empty, roles: 'signed_in', durable: false }),
  loadPspoZones: op<typeof PspoZonesSchema, PspoZoneCollection>({ method: 'POST', path: '/api/pspo-zones', input: PspoZonesSchema, roles: SUPERVISION, durable: true }),
  getIntakeHealth: op<typeof Empty, IntakeHealth>({ method: 'GET', path: '/api/intake/health', input: Empty, roles: 'signed_in', durable: false }),
  // Finding a place as the caller says it: street, landmark, postcode, address, grid reference, lat/lon.
  getMapImport: op<typeof Empty, MapImportStatus>({ method: 'GET', path: '/api/map/import', input: Empty, roles: 'signed_in', durable: false }),
  startMapImport: op<typeof MapImportSchema, MapImportStatus>({ method: 'POST', path: '/api/map/import', input: MapImportSchema, roles: SUPERVISION, durable: false }),
  searchPlaces: op<typeof PlaceQuerySchema, Place[]>({ method: 'GET', path: '/api/places', input: PlaceQuerySchema, roles: 'signed_in', durable: false }),
  // Major incidents: declared with a METHANE message, run with a decision log and committed units, stood down into a debrief pack.
  listMajorIncidents: op<typeof Empty, MajorIncidentView[]>({ method: 'GET', path: '/api/major-incidents', input: Empty, roles: 'signed_in', durable: false }),
  declareMajorIncident: op<typeof DeclareMajorSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents', input: DeclareMajorSchema, roles: DECLARE_MAJOR, durable: true }),
  getMajorIncident: op<typeof IdSchema, MajorIncidentView>({ method: 'GET', path: '/api/major-incidents/:id', input: IdSchema, roles: 'signed_in', durable: false }),
  updateMethane: op<typeof MethaneUpdateSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/methane', input: MethaneUpdateSchema, roles: MAJOR, durable: true }),
  getMethane: op<typeof MethaneQuerySchema, MethaneMessage | ReportDocument>({ method: 'GET', path: '/api/major-incidents/:id/methane', input: MethaneQuerySchema, roles: 'signed_in', durable: false }),
  logDecision: op<typeof DecisionSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/decisions', input: DecisionSchema, roles: MAJOR, durable: true }),
  acknowledgeReview: op<typeof ReviewSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/decisions/:decisionId/review', input: ReviewSchema, roles: MAJOR, durable: true }),
  commitUnitToMajor: op<typeof CommitmentSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/units', input: CommitmentSchema, roles: MAJOR, durable: true }),
  drawMajorScene: op<typeof SceneSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/scene', input: SceneSchema, roles: MAJOR, durable: true }),
  standDownMajorIncident: op<typeof StandDownSchema, MajorIncidentView>({ method: 'POST', path: '/api/major-incidents/:id/stand-down', input: StandDownSchema, roles: MAJOR, durable: true }),
  // The coordinator's own screen reads the timeline unaudited; an export of the pack is audited.
  getMajorTimeline: op<typeof IdSchema, TimelineEntry[]>({ method: 'GET', path: '/api/major-incidents/:id/timeline', input: IdSchema, roles: MAJOR, durable: false }),
  getMajorDebrief: op<typeof DebriefSchema, DebriefPack | ReportDocument>({ method: 'GET', path: '/api/major-incidents/:id/debrief', input: DebriefSchema, roles: MAJOR, audited: (i: z.output<typeof DebriefSchema>) => ({ what: 'debrief', subject: i.id }), durable: false }),
  // The journal's integrity: its hash chain walked on demand, and online backups.
  verifyJournal: op<typeof Empty, IntegrityCheck>({ method: 'GET', path: '/api/journal/verify', input: Empty, roles: 'signed_in', durable: false }),
  listBackups: op<typeof Empty, BackupStatus>({ method: 'GET', path: '/api/journal/backups', input: Empty, roles: SUPERVISION, durable: false }),
  backupJournal: op<typeof Empty, BackupRecord>({ method: 'POST', path: '/api/journal/backups', input: Empty, roles: SUPERVISION, durable: false }),
  // Operators and sessions: each desk signs in; a supervisor creates operators, sees and ends sessions.
  signIn: op<typeof SignInSchema, SignedIn>({ method: 'POST', path: '/api/session', input: SignInSchema, roles: 'public', durable: true }),
  signOut: op<typeof Empty, { signedOut: true }>({ method: 'DELETE', path: '/api/session', input: Empty, roles: 'signed_in', durable: true }),
  getSession: op<typeof Empty, SessionInfo>({ method: 'GET', path: '/api/session', input: Empty, roles: 'signed_in', durable: false }),
  lockSession: op<typeof Empty, SessionInfo>({ method: 'POST', path: '/api/session/lock', input: Empty, roles: 'signed_in', durable: true }),
  unlockSession: op<typeof UnlockSchema, SessionInfo>({ method: 'POST', path: '/api/session/unlock', input: UnlockSchema, roles: 'signed_in', durable: true }),
  /** A one-use ticket for a camera's video socket, and the host's address to open it at (Electron's window is not on it). */
  createStreamTicket: op<typeof Empty, StreamTicket>({ method: 'POST', path: '/api/session/ticket', input: Empty, roles: 'signed_in', durable: false }),
  listSessions: op<typeof Empty, SessionView[]>({ method: 'GET', path: '/api/sessions', input: Empty, roles: SUPERVISION, durable: false }),
  endSession: op<typeof SessionIdSchema, SessionView>({ method: 'POST', path: '/api/sessions/:id/end', input: SessionIdSchema, roles: SUPERVISION, durable: true }),
  listOperators: op<typeof Empty, OperatorView[]>({ method: 'GET', path: '/api/operators', input: Empty, roles: SUPERVISION, durable: false }),
  createOperator: op<typeof CreateOperatorSchema, OperatorView>({ method: 'POST', path: '/api/operators', input: CreateOperatorSchema, roles: SUPERVISION, durable: true }),
  // The audit: who did what to an incident, what an operator did this shift, who watched a camera.
  getAudit: op<typeof AuditQuerySchema, AuditEntry[] | ReportDocument>({
    method: 'GET',
    path: '/api/audit',
    input: AuditQuerySchema,
    roles: SUPERVISION,
    audited: (i: z.output<typeof AuditQuerySchema>) => ({
      what: i.format === 'csv' ? 'audit_export' : 'audit',
      subject: Object.entries(i).filter(([k, v]) => v !== undefined && k !== 'format' && k !== 'limit').map(([k, v]) => `${k}=${v}`).join(' ') || 'everything',
    }),
    durable: false,
  }),
} as const;

/**
 * An answer that is a file to print or keep (a report), not data: HTTP sends it as the file
 * itself; over IPC it arrives as this object.
 */
export interface ReportDocument {
  document: { contentType: string; filename: string; encoding: 'utf8' | 'base64'; body: string };
}
export const isReportDocument = (v: unknown): v is ReportDocument =>
  typeof v === 'object' && v !== null && 'document' in v && typeof (v as ReportDocument).document?.contentType === 'string';

type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export type InputOf<K extends OperationName> = z.input<Operations[K]['input']>;
export type ParsedInputOf<K extends OperationName> = z.output<Operations[K]['input']>;
export type OutputOf<K extends OperationName> = NonNullable<Operations[K]['output']>;

/**
 * The host implements exactly this; the compiler checks every operation has a handler. `caller`
 * is the signed-in operator the host resolved from the session, after the roles were checked.
 */
export type OperationHandlers = { [K in OperationName]: (input: ParsedInputOf<K>, caller?: Caller) => Promise<Result<OutputOf<K>>> };

export type { Role };

/** Whether an operator with these roles may call this operation: the console hides what they may not. */
export const operationAllowed = (name: OperationName, roles: readonly Role[]): boolean => mayCall(OPERATIONS[name].roles, roles);

export function parseInput<K extends OperationName>(name: K, raw: unknown): Result<ParsedInputOf<K>> {
  const parsed = OPERATIONS[name].input.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInputOf<K> };
  const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return { ok: false, error: `Invalid request: ${issues.join('; ')}`, code: 'invalid' };
}

export const isOperationName = (s: unknown): s is OperationName =>
  typeof s === 'string' && Object.prototype.hasOwnProperty.call(OPERATIONS, s);

/**
 * A unit's new position, for a unit whose only change since the last batch is a location report:
 * the unit id, then the fix in the one row shape of `wire/fix.ts` (null = not reported). At 5,000
 * units a second the whole Unit (roster, powers…) would be ten times the bytes for the same news.
 */
export type FixRow = [unitId: string, ...FixValues];

/** Live stream from host to every console: state changes in batches, a few times a second. */
export type StreamMessage =
  | { type: 'snapshot'; seq: number; units: Unit[]; incidents: Incident[]; alarms: Alarm[]; health: Health; majors?: MajorIncidentView[] }
  | {
      type: 'changes';
      seq: number;
      /** Units that changed in any way other than (or as well as) a new position: sent whole. */
      units: Unit[];
      /** Units that only moved; a unit is never in both `units` and `fixes`. */
      fixes?: FixRow[];
      incidents: Incident[];
      alarms: Alarm[];
      health: Health;
      /** Major incidents that changed, or whose reviews fell due, since the last batch: sent whole. */
      majors?: MajorIncidentView[];
    };

export const STREAM_PATH = '/api/stream';

/** IPC channels between the Electron preload and main; nothing else crosses that boundary. */
export const IPC = { call: 'beacon:call', subscribe: 'beacon:subscribe', stream: 'beacon:stream' } as const;

/** What the preload exposes as `window.beacon`: the same contract as HTTP, nothing more. */
export interface BeaconBridge {
  call(name: OperationName, input: unknown): Promise<Result<unknown>>;
  subscribe(cb: (m: StreamMessage) => void): () => void;
}
