// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { majorIncidentId, type MajorIncident } from '../../shared/major/major-incident.js';
import type { Methane } from '../../shared/major/methane.js';
import { methaneMessage } from '../../shared/major/view.js';
import { methaneHtml } from './methane-report.js';

const T = Date.parse('2026-11-30T09:00:00Z');
const v1: Methane = {
  majorIncidentDeclared: true,
  exactLocation: 'Queensgate bus station, Westgate entrance',
  type: 'Building collapse',
  hazards: 'Unstable structure; gas leak <suspected>',
  access: 'From Bourges Boulevard',
  casualties: '3 P1, 10 P3',
  emergencyServices: 'Police and fire on scene',
};
const major = (): MajorIncident => ({
  id: majorIncidentId('MI-20261130-01'),
  incidentId: null,
  location: { lat: 52.5739, lon: -0.2406 },
  declaredAt: T,
  declaredBy: 'insp.ward',
  methane: [
    { version: 1, methane: v1, location: { lat: 52.5739, lon: -0.2406 }, at: T, by: 'insp.ward' },
    { version: 2, methane: { ...v1, casualties: '4 P1, 12 P3' }, location: { lat: 52.5739, lon: -0.2406 }, at: T + 600_000, by: 'insp.ward' },
  ],
  decisions: [],
  commitments: [],
  stoodDownAt: null,
  stoodDownBy: null,
});

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the printable METHANE page', () => {
  it('reads back line by line in the standard order and wording, the change from the version before shaded', () => {
    const doc = page(methaneHtml(methaneMessage(major())));
    expect(doc.title).toBe('METHANE MI-20261130-01 v2');
    expect(doc.getElementById('methane-header')!.textContent).toBe('METHANE MESSAGE MI-20261130-01, VERSION 2, 09:10 UTC, FROM INSP.WARD');
    const rows = [...doc.querySelectorAll('#methane-lines tr')].map((tr) => [...tr.children].map((c) => c.childNodes[0]!.textContent));
    expect(rows).toEqual([
      ['M', 'MAJOR INCIDENT DECLARED', 'YES — MAJOR INCIDENT DECLARED'],
      ['E', 'EXACT LOCATION', 'Queensgate bus station, Westgate entrance'],
      ['T', 'TYPE OF INCIDENT', 'Building collapse'],
      // Text is text: what a coordinator typed is never markup.
      ['H', 'HAZARDS', 'Unstable structure; gas leak <suspected>'],
      ['A', 'ACCESS', 'From Bourges Boulevard'],
      ['N', 'NUMBER AND SEVERITY OF CASUALTIES', '4 P1, 12 P3'],
      ['E', 'EMERGENCY SERVICES', 'Police and fire on scene'],
    ]);
    const changed = doc.querySelectorAll('#methane-lines tr.changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.querySelector('.was')!.textContent).toBe('was: 3 P1, 10 P3');
    expect(doc.getElementById('methane-position')!.textContent).toBe('POSITION 52.57390, -0.24060. ENDS.');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('prints an earlier version as it was, and an ETHANE without its M line', () => {
    const m = major();
    const first = page(methaneHtml(methaneMessage(m, m.methane[0])));
    expect(first.querySelectorAll('#methane-lines tr.changed')).toHaveLength(0);
    expect(first.body.textContent).toContain('First version.');
    m.methane[0]!.methane = { ...v1, majorIncidentDeclared: false };
    const standby = page(methaneHtml(methaneMessage(m, m.methane[0])));
    expect(standby.getElementById('methane-header')!.textContent).toMatch(/^ETHANE MESSAGE/);
    expect([...standby.querySelectorAll('#methane-lines th.letter')].map((t) => t.textContent).join('')).toBe('ETHANE');
  });
});
