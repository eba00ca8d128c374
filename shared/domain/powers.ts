// The enforcement powers a joint service uses. Police powers can be delegated to
// council staff through CSAS; council powers can be delegated to police. `arrest` never is.
export const POWERS = [
  'pn_disorder',
  'pn_truancy',
  'pn_cycling_footway',
  'pn_dog_fouling',
  'begging',
  'alcohol_designated_place',
  'alcohol_under_18',
  'pn_cannabis',
  'stop_cycles',
  'housing_inspection',
  'fly_tipping',
  'pcn_parking',
  'graffiti',
  'litter_fly_posting',
  'abandoned_vehicles',
  'hmo_licensing',
  'pspo_enforcement',
  'arrest',
] as const;
export type Power = (typeof POWERS)[number];

export const POWER_LABELS: Record<Power, string> = {
  pn_disorder: 'Penalty notice for disorder',
  pn_truancy: 'Penalty notice for truancy',
  pn_cycling_footway: 'Penalty notice for cycling on a footway',
  pn_dog_fouling: 'Penalty notice for dog fouling',
  begging: 'Power to deal with begging',
  alcohol_designated_place: 'Require surrender of alcohol (designated place)',
  alcohol_under_18: 'Require under-18s to surrender alcohol',
  pn_cannabis: 'Penalty notice for possession of cannabis',
  stop_cycles: 'Power to stop cycles',
  housing_inspection: 'Housing inspection on complaint',
  fly_tipping: 'Investigation of fly-tipping',
  pcn_parking: 'Penalty charge notice for parking',
  graffiti: 'Graffiti investigation and penalty notice',
  litter_fly_posting: 'Penalty notice for littering and fly-posting',
  abandoned_vehicles: 'Abandoned vehicles',
  hmo_licensing: 'HMO and selective licensing conditions',
  pspo_enforcement: 'Enforcement of Public Space Protection Orders',
  arrest: 'Power of arrest (police only)',
};

