import type { Agency } from './agencies.js';
import type { Power } from './powers.js';

/** 1 = immediate, 2 = urgent, 3 = standard, 4 = scheduled. */
export type Priority = 1 | 2 | 3 | 4;
/** Every priority, most urgent first: what a list of them offers. */
export const PRIORITIES: readonly Priority[] = [1, 2, 3, 4];
export const PRIORITY_LABELS: Record<Priority, string> = {
  1: 'P1 immediate',
  2: 'P2 urgent',
  3: 'P3 standard',
  4: 'P4 scheduled',
};

export interface CategoryDefinition {
  label: string;
  defaultPriority: Priority;
  /** Every listed power is needed; an officer missing one is never recommended. */
  powers: Power[];
  /** Work society expects the police alone to deal with: never to CSAS staff. */
  policeOnly?: boolean;
  /**
   * The agencies whose work this is. Ranking prefers their officers over another agency's who also
   * hold the power (a constable may deal with fly-tipping, but it is the council's job); absent
   * where the work is everyone's.
   */
  leadAgencies?: readonly Agency[];
}

export const CATEGORIES = {
  fly_tipping: { label: 'Fly-tipping', defaultPriority: 3, powers: ['fly_tipping'], leadAgencies: ['council_enforcement'] },
  littering: { label: 'Littering', defaultPriority: 4, powers: ['litter_fly_posting'], leadAgencies: ['council_enforcement'] },
  fly_posting: { label: 'Fly-posting', defaultPriority: 4, powers: ['litter_fly_posting'], leadAgencies: ['council_enforcement'] },
  graffiti: { label: 'Graffiti', defaultPriority: 4, powers: ['graffiti'], leadAgencies: ['council_enforcement'] },
  dog_fouling: { label: 'Dog fouling', defaultPriority: 4, powers: ['pn_dog_fouling'], leadAgencies: ['council_enforcement'] },
  unlawful_parking: { label: 'Unlawful parking', defaultPriority: 3, powers: ['pcn_parking'], leadAgencies: ['civil_parking'] },
  abandoned_vehicle: { label: 'Abandoned vehicle', defaultPriority: 4, powers: ['abandoned_vehicles'], leadAgencies: ['council_enforcement'] },
  begging: { label: 'Begging', defaultPriority: 3, powers: ['begging'] },
  street_drinking: {
    label: 'Street drinking (designated place)',
    defaultPriority: 3,
    powers: ['alcohol_designated_place'],
  },
  under_18_alcohol: { label: 'Under-18 with alcohol', defaultPriority: 2, powers: ['alcohol_under_18'] },
  cycling_footway: { label: 'Cycling on a footway', defaultPriority: 4, powers: ['pn_cycling_footway'] },
  disorder: { label: 'Disorder', defaultPriority: 2, powers: ['pn_disorder'] },
  truancy: { label: 'Truancy', defaultPriority: 3, powers: ['pn_truancy'] },
  cannabis_possession: { label: 'Cannabis possession', defaultPriority: 3, powers: ['pn_cannabis'] },
  housing_complaint: { label: 'Housing complaint (inspection)', defaultPriority: 4, powers: ['housing_inspection'], leadAgencies: ['housing'] },
  hmo_licensing: { label: 'HMO / selective licensing', defaultPriority: 4, powers: ['hmo_licensing'], leadAgencies: ['housing'] },
  pspo_breach: { label: 'PSPO breach', defaultPriority: 3, powers: ['pspo_enforcement'] },
  anti_social_behaviour: { label: 'Anti-social behaviour', defaultPriority: 3, powers: [] },
  needs_police: {
    label: 'Needs police (assault, theft, burglary)',
    defaultPriority: 1,
    powers: ['arrest'],
    policeOnly: true,
  },
} as const satisfies Record<string, CategoryDefinition>;

export type CategoryId = keyof typeof CATEGORIES;
export const CATEGORY_IDS = Object.keys(CATEGORIES) as CategoryId[];
export const categoryOf = (id: CategoryId): CategoryDefinition => CATEGORIES[id];
