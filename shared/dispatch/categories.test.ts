import { describe, expect, it } from 'vitest';
import { AGENCIES, DEFAULT_POWERS, POLICE_AGENCIES } from '../domain/agencies.js';
import { CATEGORIES, CATEGORY_IDS, categoryOf, type CategoryId } from '../domain/categories.js';
import type { Power } from '../domain/powers.js';

// Which power each kind of report needs, as the community safety accreditation scheme (CSAS) and
// the council's own enforcement powers set them out.
const EXPECTED: Record<CategoryId, Power[]> = {
  fly_tipping: ['fly_tipping'],
  littering: ['litter_fly_posting'],
  fly_posting: ['litter_fly_posting'],
  graffiti: ['graffiti'],
  dog_fouling: ['pn_dog_fouling'],
  unlawful_parking: ['pcn_parking'],
  abandoned_vehicle: ['abandoned_vehicles'],
  begging: ['begging'],
  street_drinking: ['alcohol_designated_place'],
  under_18_alcohol: ['alcohol_under_18'],
  cycling_footway: ['pn_cycling_footway'],
  disorder: ['pn_disorder'],
  truancy: ['pn_truancy'],
  cannabis_possession: ['pn_cannabis'],
  housing_complaint: ['housing_inspection'],
  hmo_licensing: ['hmo_licensing'],
  pspo_breach: ['pspo_enforcement'],
  anti_social_behaviour: [],
  needs_police: ['arrest'],
};

describe('incident categories', () => {
  it('covers every kind of report the service deals with, each needing the right powers', () => {
    expect(new Set(CATEGORY_IDS)).toEqual(new Set(Object.keys(EXPECTED)));
    for (const id of CATEGORY_IDS) expect(categoryOf(id).powers, id).toEqual(EXPECTED[id]);
  });

  it.each(CATEGORY_IDS)('%s has a default priority and someone on the roster who can take it', (id) => {
    const c = categoryOf(id);
    expect([1, 2, 3, 4]).toContain(c.defaultPriority);
    const able = AGENCIES.filter((a) => c.powers.every((p) => DEFAULT_POWERS[a].includes(p)) && (!c.policeOnly || POLICE_AGENCIES.includes(a)));
    expect(able.length, `${id} has nobody who can deal with it`).toBeGreaterThan(0);
    expect(able).toContain('police');
  });

  it('keeps assaults, thefts and burglaries for the police alone', () => {
    expect(CATEGORIES.needs_police.policeOnly).toBe(true);
    expect(CATEGORIES.needs_police.defaultPriority).toBe(1);
    for (const a of AGENCIES) if (a !== 'police') expect(DEFAULT_POWERS[a], a).not.toContain('arrest');
    // Only needs_police is police-only: everything else can go to accredited staff.
    expect(CATEGORY_IDS.filter((c) => categoryOf(c).policeOnly)).toEqual(['needs_police']);
  });

  it('gives council enforcement officers the CSAS powers delegated to them, and police the council powers delegated to them', () => {
    for (const p of ['litter_fly_posting', 'graffiti', 'pn_dog_fouling', 'begging', 'alcohol_designated_place', 'stop_cycles', 'abandoned_vehicles'] as Power[])
      expect(DEFAULT_POWERS.council_enforcement).toContain(p);
    for (const p of ['housing_inspection', 'fly_tipping', 'pcn_parking', 'graffiti', 'litter_fly_posting', 'abandoned_vehicles', 'hmo_licensing', 'pspo_enforcement'] as Power[])
      expect(DEFAULT_POWERS.police).toContain(p);
  });
});
