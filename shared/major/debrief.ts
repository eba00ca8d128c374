import { AGENCY_LABELS } from '../domain/agencies.js';
import { distanceMetres } from '../geo/geometry.js';
import type { Unit } from '../domain/units.js';
import type { JournalRecord } from '../events.js';
import type { Decision } from './decisions.js';
import type { MajorIncident } from './major-incident.js';
import { compareMethane, type MethaneChange, type MethaneVersion, radioWording } from './methane.js';
import { cordonAt } from './scene.js';

export const TIMELINE_KINDS = ['declaration', 'methane', 'decision', 'scene', 'commitment', 'incident', 'allocation', 'status', 'alarm', 'evidence', 'stand-down'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** The journal event it comes from: the chain vouches for it. */
  seq: number;
  at: number;
  kind: TimelineKind;
  text: string;
  by?: string;
  unitId?: string;
}

/**
 * Everything that happened for a major incident, from its journal records (its own events, its
 * incident's, and those of units while committed), oldest first. Records are de-duplicated by seq.
 */
export function buildTimeline(
  records: Iterable<JournalRecord>,
  callsign: (unitId: string) => string,
  /** The major incident and where cameras stand: views of cameras near its scene are in its timeline too. */
  cctv?: { m: MajorIncident; cameras: ReadonlyMap<string, CameraPlace> },
): TimelineEntry[] {
  const all = [...records];
  const views = cctv ? new Map(cctvViews(cctv.m, [...all].sort((a, b) => a.seq - b.seq), cctv.cameras).flatMap((v) => v.seqs.map((seq) => [seq, v] as const))) : new Map<number, CctvView>();
  const seen = new Map<number, TimelineEntry>();
  for (const r of all) {
    if (seen.has(r.seq)) continue;
    const view = views.get(r.seq);
    const entry = view && r.event.type === 'camera.viewed' ? { seq: r.seq, at: r.recordedAt, kind: 'evidence' as const, by: view.by, text: `${view.by} ${r.event.started ? 'started' : 'stopped'} watching ${view.camera} (${view.where})` } : describe(r, callsign);
    if (entry) seen.set(r.seq, entry);
  }
  return [...seen.values()].sort((a, b) => a.seq - b.seq);
}

const hhmm = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

function describe(r: JournalRecord, callsign: (unitId: string) => string): TimelineEntry | null {
  const e = r.event;
  const base = { seq: r.seq, at: r.recordedAt };
  switch (e.type) {
    case 'major.declared':
      return { ...base, kind: 'declaration', by: e.by, text: `${e.methane.majorIncidentDeclared ? 'Major incident declared' : 'Major incident standby (ETHANE)'}: ${e.methane.type} at ${e.methane.exactLocation}` };
    case 'major.methane':
      return { ...base, kind: 'methane', by: e.by, text: `METHANE version ${e.version} sent` };
    case 'major.decision':
      return { ...base, kind: 'decision', by: e.decision.by, text: `${e.decision.id}: ${e.decision.decision}${e.decision.supersedes ? ` (supersedes ${e.decision.supersedes})` : ''}` };
    case 'major.review_acknowledged':
      return {
        ...base,
        kind: 'decision',
        by: e.by,
        text: `Review of ${e.decisionId} acknowledged, due ${hhmm(e.dueAt)}: it stands${e.note ? ` (${e.note})` : ''}${e.nextReviewAt ? `; next review ${hhmm(e.nextReviewAt)}` : ''}`,
      };
    case 'major.unit_committed':
      return { ...base, kind: 'commitment', by: e.by, unitId: e.unitId, text: `${callsign(e.unitId)} committed` };
    case 'major.unit_released':
      return { ...base, kind: 'commitment', by: e.by, unitId: e.unitId, text: `${callsign(e.unitId)} released` };
    case 'major.stood_down':
      return { ...base, kind: 'stand-down', by: e.by, text: 'Stood down' };
    case 'major.scene':
      return { ...base, kind: 'scene', by: e.by, text: `Scene drawn: ${e.scene.features.map((f) => f.properties.label).join(', ') || 'cleared'}` };
    case 'incident.created':
      return { ...base, kind: 'incident', by: e.incident.createdBy, text: `Incident ${e.incident.ref} received: ${e.incident.description || e.incident.category}` };
    case 'incident.transition':
      return { ...base, kind: 'incident', by: e.by, text: `Incident ${e.action.replace('_', ' ')}${e.note ? `: ${e.note}` : ''}` };
    case 'incident.report_linked':
      return { ...base, kind: 'incident', by: e.by, text: `Further report linked${e.description ? `: ${e.description}` : ''}` };
    case 'allocation.created':
      return { ...base, kind: 'allocation', by: e.by, unitId: e.unitId, text: `${callsign(e.unitId)} allocated` };
    case 'allocation.acknowledged':
      return { ...base, kind: 'allocation', unitId: e.unitId, text: `${callsign(e.unitId)} acknowledged the allocation` };
    case 'unit.status':
      return { ...base, kind: 'status', unitId: e.unitId, text: `${callsign(e.unitId)} ${e.status.replace('_', ' ')}` };
    case 'unit.manual':
      return {
        ...base,
        kind: 'status',
        by: e.by,
        unitId: e.unitId,
        text: `${callsign(e.unitId)} ${[e.status?.replace('_', ' '), e.position && `at ${e.position.lat.toFixed(5)}, ${e.position.lon.toFixed(5)}`].filter(Boolean).join(' ')} (entered by hand)`,
      };
    case 'unit.emergency':
      return { ...base, kind: 'alarm', by: e.by, unitId: e.unitId, text: `${callsign(e.unitId)} emergency ${e.active ? 'raised' : 'cleared'} (${e.source})` };
    case 'unit.bwv':
      return { ...base, kind: 'evidence', unitId: e.unitId, text: `${callsign(e.unitId)} body-worn video ${e.recording ? 'started' : 'stopped'}` };
    default:
      return null;
  }
}

interface BodyWornVideo {
  kind: 'body-worn video';
  unitId: string;
  callsign: string;
  from: number;
  /** null: still recording at export. */
  to: number | null;
  /** The journal events that record it. */
  seqs: number[];
}

/** An operator watching a camera near the scene while the major incident ran: footage worth keeping. */
interface CctvView {
  kind: 'CCTV view';
  cameraId: string;
  camera: string;
  /** Who watched, and where (a desk's tile, the wall). */
  by: string;
  where: string;
  /** null: already watching when the major incident was declared. */
  from: number | null;
  /** null: still watching at export (or at stand-down). */
  to: number | null;
  /** How far the camera stands from the declared location, metres. */
  distanceM: number;
  seqs: number[];
}

type EvidenceItem = BodyWornVideo | CctvView;

/**
 * Cameras whose views belong in the pack: inside a cordon, or within this distance of the declared
 * location (a camera across the square sees the scene without standing in it).
 */
const CCTV_NEAR_M = 500;

/** Body-worn video recordings, from start to stop, found in the records. */
function bodyWornVideo(records: readonly JournalRecord[], callsign: (unitId: string) => string): BodyWornVideo[] {
  const open = new Map<string, BodyWornVideo>();
  const out: BodyWornVideo[] = [];
  for (const r of records) {
    if (r.event.type !== 'unit.bwv') continue;
    const { unitId, recording, ts } = r.event;
    const current = open.get(unitId);
    if (recording && !current) {
      const item: BodyWornVideo = { kind: 'body-worn video', unitId, callsign: callsign(unitId), from: ts, to: null, seqs: [r.seq] };
      open.set(unitId, item);
      out.push(item);
    } else if (!recording && current) {
      current.to = ts;
      current.seqs.push(r.seq);
      open.delete(unitId);
    }
  }
  return out;
}

export interface CameraPlace {
  name: string;
  lat: number;
  lon: number;
}

/** Views of cameras near the scene, each from its start to its stop, found in the records of the major incident's time. */
function cctvViews(m: MajorIncident, records: readonly JournalRecord[], cameras: ReadonlyMap<string, CameraPlace>): CctvView[] {
  const open = new Map<string, CctvView>();
  const out: CctvView[] = [];
  for (const r of records) {
    if (r.event.type !== 'camera.viewed') continue;
    const { cameraId, by, where, started, at } = r.event;
    const cam = cameras.get(cameraId);
    if (!cam) continue;
    const distanceM = Math.round(distanceMetres(m.location, cam));
    if (distanceM > CCTV_NEAR_M && cordonAt(m.scene, cam) === null) continue;
    // One operator may watch one camera in two places at once (a tile and the wall): each is a view.
    const key = JSON.stringify([cameraId, by, where]);
    const current = open.get(key);
    if (started && !current) {
      const item: CctvView = { kind: 'CCTV view', cameraId, camera: cam.name, by, where, from: at, to: null, distanceM, seqs: [r.seq] };
      open.set(key, item);
      out.push(item);
    } else if (!started) {
      if (current) {
        current.to = at;
        current.seqs.push(r.seq);
        open.delete(key);
      } else out.push({ kind: 'CCTV view', cameraId, camera: cam.name, by, where, from: null, to: at, distanceM, seqs: [r.seq] });
    }
  }
  return out;
}

/** Body-worn video and CCTV views, in the order they began (a view running at the declaration first). */
function evidenceManifest(m: MajorIncident, records: Iterable<JournalRecord>, callsign: (unitId: string) => string, cameras: ReadonlyMap<string, CameraPlace>): EvidenceItem[] {
  const seen = new Set<number>();
  const sorted = [...records].filter((r) => !seen.has(r.seq) && seen.add(r.seq)).sort((a, b) => a.seq - b.seq);
  return [...bodyWornVideo(sorted, callsign), ...cctvViews(m, sorted, cameras)].sort((a, b) => (a.from ?? 0) - (b.from ?? 0) || a.seqs[0]! - b.seqs[0]!);
}

interface CommittedUnitLine {
  unitId: string;
  callsign: string;
  agency: string;
  status: string;
  committedAt: number;
  committedBy: string;
  releasedAt: number | null;
  releasedBy: string | null;
}

/** Committed units grouped by agency (then callsign), each commitment its own line. */
function committedUnits(m: MajorIncident, units: ReadonlyMap<string, Unit>): CommittedUnitLine[] {
  return m.commitments
    .map((c) => {
      const u = units.get(c.unitId);
      return {
        unitId: c.unitId,
        callsign: u?.callsign ?? c.unitId,
        agency: u ? AGENCY_LABELS[u.agency] : 'unknown',
        status: u?.status ?? 'unknown',
        committedAt: c.committedAt,
        committedBy: c.committedBy,
        releasedAt: c.releasedAt,
        releasedBy: c.releasedBy,
      };
    })
    .sort((a, b) => a.agency.localeCompare(b.agency) || a.callsign.localeCompare(b.callsign) || a.committedAt - b.committedAt);
}

interface MethaneVersionLine extends MethaneVersion {
  radio: string[];
  /** What changed since the version before (empty for the first). */
  changes: MethaneChange[];
}

const methaneVersions = (m: MajorIncident): MethaneVersionLine[] =>
  m.methane.map((v, i) => ({ ...v, radio: radioWording(m.id, v), changes: i ? compareMethane(m.methane[i - 1]!.methane, v.methane) : [] }));

export interface DebriefPack {
  format: 'beacon-major-debrief/1';
  majorIncident: Pick<MajorIncident, 'id' | 'incidentId' | 'location' | 'declaredAt' | 'declaredBy' | 'stoodDownAt' | 'stoodDownBy'>;
  methane: MethaneVersionLine[];
  decisions: Decision[];
  committedUnits: CommittedUnitLine[];
  timeline: TimelineEntry[];
  evidence: EvidenceItem[];
  /**
   * The journal's chain head at export: a recipient holding the journal (or a backup) checks that
   * `npm run verify` reaches this event with this hash, and every event above is vouched for.
   */
  chain: { seq: number; hash: string | null };
  exportedAt: number;
}

export function assembleDebrief(
  m: MajorIncident,
  records: readonly JournalRecord[],
  units: ReadonlyMap<string, Unit>,
  chain: { seq: number; hash: string | null },
  now: number,
  /** Where each camera stands, by id: views of those near the scene are evidence. */
  cameras: ReadonlyMap<string, CameraPlace> = new Map(),
): DebriefPack {
  const callsign = (id: string) => units.get(id)?.callsign ?? id;
  return {
    format: 'beacon-major-debrief/1',
    majorIncident: { id: m.id, incidentId: m.incidentId, location: m.location, declaredAt: m.declaredAt, declaredBy: m.declaredBy, stoodDownAt: m.stoodDownAt, stoodDownBy: m.stoodDownBy },
    methane: methaneVersions(m),
    decisions: m.decisions,
    committedUnits: committedUnits(m, units),
    timeline: buildTimeline(records, callsign, { m, cameras }),
    evidence: evidenceManifest(m, records, callsign, cameras),
    chain,
    exportedAt: now,
  };
}
