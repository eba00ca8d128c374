import { POLICE_AGENCIES } from '../domain/agencies.js';
import { categoryOf } from '../domain/categories.js';
import type { Incident } from '../domain/incidents.js';
import { POWER_LABELS } from '../domain/powers.js';
import type { Unit } from '../domain/units.js';

/** Why an officer may not be sent, whatever the distance. */
export type Ineligibility = 'not_deployable' | 'police_only' | 'power_withdrawn' | 'missing_power' | 'off_duty' | 'emergency' | 'already_allocated';

/** An officer who has pressed their emergency button needs help; they are never sent to help anyone. */
export const inEmergency = (u: Unit): boolean => !!u.emergency?.active;

/**
 * Whether an officer may be sent to help a colleague in trouble: on duty and not in an emergency
 * of their own. The alarm's nearby list and ranking both ask this.
 */
export function mayGoToHelp(u: Unit): boolean {
  return u.status !== 'off_duty' && !inEmergency(u);
}

/**
 * Who may be sent to an incident: the one rule allocation, ranking and the alarm's nearby list
 * answer to. Null when the officer may be sent; otherwise the reason and a sentence for the
 * dispatcher. Busy officers are not refused here: diverting them is the dispatcher's call.
 */
export function canBeSent(incident: Incident, u: Unit): { reason: Ineligibility; detail: string } | null {
  const cat = categoryOf(incident.category);
  if (u.agency === 'cctv') return { reason: 'not_deployable', detail: `${u.callsign} is a CCTV operator: not deployed to incidents.` };
  if (cat.policeOnly && !POLICE_AGENCIES.includes(u.agency))
    return { reason: 'police_only', detail: `${incident.ref} is ${cat.label}: police only. ${u.callsign} is not a police officer and cannot be sent.` };
  for (const p of cat.powers) {
    if (u.withdrawnPowers.includes(p))
      return { reason: 'power_withdrawn', detail: `${u.callsign}'s accreditation for "${POWER_LABELS[p]}" has been withdrawn; ${incident.ref} needs it.` };
    if (!u.powers.includes(p)) return { reason: 'missing_power', detail: `${u.callsign} does not hold "${POWER_LABELS[p]}", which ${incident.ref} needs.` };
  }
  if (u.status === 'off_duty') return { reason: 'off_duty', detail: `${u.callsign} is off duty.` };
  if (inEmergency(u)) return { reason: 'emergency', detail: `${u.callsign} has an active emergency of their own and cannot be sent.` };
  if (u.incidentId === incident.id)
    return { reason: 'already_allocated', detail: `${u.callsign} is already allocated to ${incident.ref}.` };
  return null;
}
