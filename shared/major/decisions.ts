/**
 * The decision log, in the Joint Decision Model's shape: what was known, the assessment of threat
 * and risk, the powers, policies and procedures considered, the options, the decision and why,
 * who made it and when it is to be reviewed. Decisions are never edited: a later one supersedes
 * an earlier, and both stay in the log.
 */
export interface DecisionInput {
  situation: string;
  assessment: string;
  powers: string;
  options: string;
  decision: string;
  rationale: string;
  /** When it is to be reviewed, epoch ms. */
  reviewAt?: number;
  /** The decision this one replaces. */
  supersedes?: string;
}

export interface Decision extends DecisionInput {
  /** D1, D2…: what is said when one is referred to. */
  id: string;
  at: number;
  by: string;
  /** The later decision that replaced this one, if any (derived from the log). */
  supersededBy?: string;
}

/** Why a decision cannot be logged against `log`; null when it can. */
export function decisionRefusal(log: readonly Decision[], d: DecisionInput, at: number): string | null {
  if (d.supersedes !== undefined) {
    const old = log.find((x) => x.id === d.supersedes);
    if (!old) return `There is no decision ${d.supersedes} to supersede.`;
    if (old.supersededBy) return `${old.id} was already superseded by ${old.supersededBy}; supersede that one instead.`;
  }
  if (d.reviewAt !== undefined && d.reviewAt <= at) return 'The review time must be in the future.';
  return null;
}

/** Adds a decision to the log, marking the one it supersedes (which stays). */
export function recordDecision(log: Decision[], d: Decision): void {
  if (d.supersedes) {
    const old = log.find((x) => x.id === d.supersedes);
    if (old && !old.supersededBy) old.supersededBy = d.id;
  }
  log.push(d);
}

/** Decisions in force whose review time has come: each raises a reminder until superseded. */
export function dueReviews(log: readonly Decision[], now: number): Decision[] {
  return log.filter((d) => !d.supersededBy && d.reviewAt !== undefined && d.reviewAt <= now);
}
