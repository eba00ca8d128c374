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
  /** Reviews acknowledged while it stood, oldest first (derived from the log). */
  reviews?: DecisionReview[];
}

/**
 * A due review acknowledged: the coordinator looked at the decision again and it stands. Who and
 * when, what was said, the review time it answered, and the next one if any.
 */
export interface DecisionReview {
  at: number;
  by: string;
  dueAt: number;
  note?: string;
  nextReviewAt?: number;
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

/** When a decision is next to be reviewed: the last acknowledged review's next time, else its own; undefined: never. */
export const nextReviewAt = (d: Decision): number | undefined => (d.reviews?.length ? d.reviews[d.reviews.length - 1]!.nextReviewAt : d.reviewAt);

const isDue = (d: Decision, now: number) => {
  const next = nextReviewAt(d);
  return !d.supersededBy && next !== undefined && next <= now;
};

/**
 * Decisions in force whose review time has come: each raises a reminder until a later decision
 * supersedes it or a coordinator acknowledges the review.
 */
export function dueReviews(log: readonly Decision[], now: number): Decision[] {
  return log.filter((d) => isDue(d, now));
}

/** Why a review cannot be acknowledged now; null when it can. */
export function reviewRefusal(log: readonly Decision[], decisionId: string, now: number, nextAt?: number): string | null {
  const d = log.find((x) => x.id === decisionId);
  if (!d) return `There is no decision ${decisionId}.`;
  if (d.supersededBy) return `${d.id} was superseded by ${d.supersededBy}: there is nothing to review.`;
  const next = nextReviewAt(d);
  if (next === undefined) return `${d.id} has no review set.`;
  if (next > now) return `${d.id}'s review is not due yet.`;
  if (nextAt !== undefined && nextAt <= now) return 'The next review time must be in the future.';
  return null;
}

/** Adds an acknowledged review to its decision (a decision superseded meanwhile keeps it too: nothing is lost). */
export function recordReview(log: Decision[], decisionId: string, review: DecisionReview): void {
  const d = log.find((x) => x.id === decisionId);
  if (d) (d.reviews ??= []).push(review);
}
