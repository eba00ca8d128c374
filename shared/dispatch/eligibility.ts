import { POLICE_AGENCIES } from '../domain/agencies.js';
import { categoryOf } from '../domain/categories.js';
import type { IncidentId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import { POWER_LABELS, type Power, POWERS } from '../domain/powers.js';
import type { Unit, UnitStatus } from '../domain/units.js';

/** Why an officer may not be sent, whatever the distance. */
export type Ineligibility = 'not_deployable' | 'police_only' | 'power_withdrawn' | 'missing_power' | 'off_duty' | 'emergency' | 'already_allocated';

/** An officer who has pressed their emergency button needs help; they are never sent to help anyone. */
const inEmergency = (u: Unit): boolean => !!u.emergency?.active;

/**
 * Whether an officer may be sent to help a colleague in trouble: on duty and not in an emergency
 * of their own. The alarm's nearby list and ranking both ask this.
 */
export function mayGoToHelp(u: Unit): boolean {
  return u.status !== 'off_duty' && !inEmergency(u);
}

const BIT = new Map<Power, number>(POWERS.map((p, i) => [p, 1 << i]));
/** Powers as a bit set, so "holds every power the work needs" is one AND. */
const powerMask = (powers: readonly Power[]): number => powers.reduce((m, p) => m | (BIT.get(p) ?? 0), 0);

/**
 * What the rule reads about an officer. Ranking asks about thousands of officers per
 * recommendation, so the unit grid keeps these facts beside each officer's position
 * (`readSendingFacts` into the grid's entry) rather than reading every unit record.
 */
export interface SendingFacts {
  deployable: boolean;
  police: boolean;
  status: UnitStatus;
  emergency: boolean;
  incidentId: IncidentId | null;
  held: number;
  withdrawn: number;
  /** The arrays `held` and `withdrawn` were worked out from: the projection replaces them when they change. */
  heldFrom: readonly Power[] | null;
  withdrawnFrom: readonly Power[] | null;
}

/** Reads an officer's facts, into `into` when given (the grid reuses its entries). */
export function readSendingFacts<F extends SendingFacts>(u: Unit, into: F = { heldFrom: null, withdrawnFrom: null } as F): F {
  // CCTV operators watch cameras from the control room; they are not deployed to incidents.
  into.deployable = u.agency !== 'cctv';
  into.police = POLICE_AGENCIES.includes(u.agency);
  into.status = u.status;
  into.emergency = inEmergency(u);
  into.incidentId = u.incidentId;
  // The same array means the same powers, so the bit sets are worked out only when they change.
  if (into.heldFrom !== u.powers) {
    into.heldFrom = u.powers;
    into.held = powerMask(u.powers);
  }
  if (into.withdrawnFrom !== u.withdrawnPowers) {
    into.withdrawnFrom = u.withdrawnPowers;
    into.withdrawn = powerMask(u.withdrawnPowers);
  }
  return into;
}

/** What an incident asks of whoever is sent, worked out once per incident. */
export interface SendingNeed {
  incidentId: IncidentId;
  policeOnly: boolean;
  powers: number;
}

export const sendingNeedOf = (incident: Incident): SendingNeed => {
  const cat = categoryOf(incident.category);
  return { incidentId: incident.id, policeOnly: !!cat.policeOnly, powers: powerMask(cat.powers) };
};

/**
 * Who may be sent to an incident: the one rule allocation, ranking and the alarm's nearby list
 * answer to. Null when the officer may be sent. Busy officers are not refused here: diverting
 * them is the dispatcher's call.
 */
export function refusalOf(need: SendingNeed, f: SendingFacts): Ineligibility | null {
  if (!f.deployable) return 'not_deployable';
  if (need.policeOnly && !f.police) return 'police_only';
  if (need.powers & f.withdrawn) return 'power_withdrawn';
  if ((need.powers & f.held) !== need.powers) return 'missing_power';
  if (f.status === 'off_duty') return 'off_duty';
  if (f.emergency) return 'emergency';
  if (f.incidentId === need.incidentId) return 'already_allocated';
  return null;
}

/** The rule for one officer and one incident, with a sentence for the dispatcher when the answer is no. */
export function canBeSent(incident: Incident, u: Unit): { reason: Ineligibility; detail: string } | null {
  const reason = refusalOf(sendingNeedOf(incident), readSendingFacts(u));
  return reason && { reason, detail: refusalDetail(reason, incident, u) };
}

function refusalDetail(reason: Ineligibility, incident: Incident, u: Unit): string {
  const cat = categoryOf(incident.category);
  switch (reason) {
    case 'not_deployable':
      return `${u.callsign} is a CCTV operator: not deployed to incidents.`;
    case 'police_only':
      return `${incident.ref} is ${cat.label}: police only. ${u.callsign} is not a police officer and cannot be sent.`;
    case 'power_withdrawn': {
      const p = cat.powers.find((x) => u.withdrawnPowers.includes(x))!;
      return `${u.callsign}'s accreditation for "${POWER_LABELS[p]}" has been withdrawn; ${incident.ref} needs it.`;
    }
    case 'missing_power': {
      const p = cat.powers.find((x) => !u.powers.includes(x))!;
      return `${u.callsign} does not hold "${POWER_LABELS[p]}", which ${incident.ref} needs.`;
    }
    case 'off_duty':
      return `${u.callsign} is off duty.`;
    case 'emergency':
      return `${u.callsign} has an active emergency of their own and cannot be sent.`;
    case 'already_allocated':
      return `${u.callsign} is already allocated to ${incident.ref}.`;
  }
}
