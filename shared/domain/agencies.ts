import type { Power } from './powers.js';

export const AGENCIES = [
  'police',
  'pcso',
  'council_enforcement',
  'civil_parking',
  'housing',
  'fire',
  'prison',
  'cctv',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const AGENCY_LABELS: Record<Agency, string> = {
  police: 'Police constable',
  pcso: 'PCSO',
  council_enforcement: 'Council prevention & enforcement',
  civil_parking: 'Civil parking enforcement',
  housing: 'Housing enforcement',
  fire: 'Fire & rescue',
  prison: 'Prison service',
  cctv: 'CCTV',
};

/** Only these agencies may take work that society expects the police alone to deal with. */
export const POLICE_AGENCIES: readonly Agency[] = ['police'];

const COUNCIL_POWERS_DELEGATED_TO_POLICE: Power[] = [
  'housing_inspection',
  'fly_tipping',
  'pcn_parking',
  'graffiti',
  'litter_fly_posting',
  'abandoned_vehicles',
  'hmo_licensing',
  'pspo_enforcement',
];

const CSAS_POWERS: Power[] = [
  'litter_fly_posting',
  'graffiti',
  'pn_dog_fouling',
  'begging',
  'alcohol_designated_place',
  'alcohol_under_18',
  'stop_cycles',
  'pn_cycling_footway',
  'abandoned_vehicles',
  'pspo_enforcement',
];

/** Police penalty-notice powers that constables and PCSOs share, and CSAS can delegate. */
const POLICE_PENALTY_POWERS: Power[] = [
  'pn_disorder',
  'pn_truancy',
  'pn_cycling_footway',
  'pn_dog_fouling',
  'begging',
  'alcohol_designated_place',
  'alcohol_under_18',
  'stop_cycles',
];

/** Powers an officer of each agency normally holds; a roster entry may narrow or widen them. */
export const DEFAULT_POWERS: Record<Agency, Power[]> = {
  police: ['arrest', ...POLICE_PENALTY_POWERS, 'pn_cannabis', ...COUNCIL_POWERS_DELEGATED_TO_POLICE],
  pcso: [...POLICE_PENALTY_POWERS, 'fly_tipping', 'graffiti', 'litter_fly_posting', 'abandoned_vehicles', 'pspo_enforcement'],
  council_enforcement: [...CSAS_POWERS, 'fly_tipping', 'pcn_parking'],
  civil_parking: ['pcn_parking', 'abandoned_vehicles', 'litter_fly_posting', 'pspo_enforcement'],
  housing: ['housing_inspection', 'hmo_licensing', 'fly_tipping'],
  fire: ['fly_tipping', 'litter_fly_posting'],
  prison: ['pspo_enforcement', 'begging', 'alcohol_designated_place'],
  cctv: [],
};
