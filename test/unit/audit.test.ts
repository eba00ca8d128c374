import { describe, expect, it } from 'vitest';
import { auditCsv, auditEntries } from '../../shared/auth/audit.js';
import type { JournalEvent, JournalRecord } from '../../shared/events.js';

const T0 = Date.UTC(2026, 10, 30, 8, 0);
let seq = 0;
const rec = (minutes: number, event: JournalEvent): JournalRecord => ({ seq: ++seq, recordedAt: T0 + minutes * 60_000, event });
const id = (s: string) => s as never;

const SHIFT: JournalRecord[] = [
  rec(0, { type: 'session.started', sessionId: 's1', at: T0, by: 'amy', roles: ['dispatcher'], desk: 'desk 1' }),
  rec(1, { type: 'incident.transition', incidentId: id('INC-1'), action: 'triaged', to: 'triaged', at: T0, by: 'amy' }),
  rec(2, { type: 'unit.location', unitId: id('pc01'), fix: { lat: 52.57, lon: -0.24, ts: T0, acc: null, hdg: null, spd: null } as never }),
  rec(3, { type: 'allocation.created', incidentId: id('INC-1'), unitId: id('pc01'), at: T0, by: 'amy' }),
  rec(4, { type: 'camera.viewed', cameraId: 'cam-1', at: T0, by: 'ben', started: true, where: 'desk' }),
  rec(5, { type: 'incident.note', incidentId: id('INC-2'), at: T0, by: 'ben', text: '=HYPERLINK("http://x")' }),
  rec(6, { type: 'allocation.acknowledged', incidentId: id('INC-1'), unitId: id('pc01'), at: T0 }),
];

describe('the audit', () => {
  it('answers who did what to an incident, what an operator did, and who watched a camera; telemetry is no one’s act', () => {
    const all = { limit: 100 };
    expect(auditEntries(SHIFT, { ...all, incident: 'INC-1' }).map((e) => [e.operator, e.action])).toEqual([
      ['amy', 'incident.transition'],
      ['amy', 'allocation.created'],
    ]);
    expect(auditEntries(SHIFT, { ...all, operator: 'ben' }).map((e) => e.action)).toEqual(['camera.viewed', 'incident.note']);
    expect(auditEntries(SHIFT, { ...all, camera: 'cam-1' }).map((e) => e.summary)).toEqual(['started watching camera cam-1 (desk)']);
    expect(auditEntries(SHIFT, { ...all, from: T0 + 2 * 60_000, to: T0 + 4 * 60_000 }).map((e) => e.action)).toEqual(['allocation.created', 'camera.viewed']);
    expect(auditEntries(SHIFT, all).some((e) => e.action === 'unit.location' || e.action === 'allocation.acknowledged')).toBe(false);
  });

  it('exports CSV that a spreadsheet opens as text, never as a formula', () => {
    const csv = auditCsv(auditEntries(SHIFT, { limit: 100, operator: 'ben' }));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,time_utc,operator,action,summary,incident,unit,camera');
    expect(lines[1]).toBe(`5,2026-11-30T08:04:00.000Z,ben,camera.viewed,started watching camera cam-1 (desk),,,cam-1`);
    // The note begins "noted: =…", safe; a cell that itself began with = would be quoted with a '.
    expect(lines[2]).toContain('"noted: =HYPERLINK(""http://x"")"');
    expect(auditCsv([{ seq: 1, at: T0, operator: '=cmd', action: 'x', summary: '+1', incidentId: null, unitId: null, cameraId: null }])).toContain(`'=cmd,x,'+1`);
  });
});
