import { z } from 'zod';
import { type Role, ROLES } from './roles.js';

/**
 * Who acted, in the input of every operation that changes something. The host fills it in from the
 * caller's session where the input enters it (see `gate.ts`); whatever a client sends is replaced,
 * never believed. Schemas use this one instance: that is how the gate knows the field is the actor.
 */
export const ActingOperator = z.string().trim().min(1).max(64).default('dispatcher');

/** Usernames are what the audit shows and what a supervisor types: short, plain, case-folded. */
const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'a username has at least 2 characters')
  .max(32)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'usernames use letters, digits and . _ -');
/** Long enough to resist guessing offline if the operators file were ever copied. */
export const NEW_PASSWORD_MIN = 10;
const Password = z.string().min(1, 'give the password').max(200);

export const SignInSchema = z.object({ username: Username, password: Password });
export const UnlockSchema = z.object({ password: Password });
export const CreateOperatorSchema = z.object({
  username: Username,
  password: z.string().min(NEW_PASSWORD_MIN, `a new password has at least ${NEW_PASSWORD_MIN} characters`).max(200),
  roles: z.array(z.enum(ROLES, { message: `roles are ${ROLES.join(', ')}` })).min(1, 'give at least one role').max(ROLES.length),
});
export const SessionIdSchema = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

const Epoch = z.coerce.number().int().min(0).optional();
const Filter = z.string().trim().max(64).optional();
export const AuditQuerySchema = z.object({
  operator: Filter,
  incident: Filter,
  camera: Filter,
  unit: Filter,
  from: Epoch,
  to: Epoch,
  limit: z.coerce.number().int().min(1).max(50_000).default(5000),
  format: z.enum(['json', 'csv']).default('json'),
});

/** The caller's own session, as the console shows it in its header. */
export interface SessionInfo {
  operator: string;
  roles: Role[];
  sessionId: string;
  /** Where the session was opened: `browser 127.0.0.1`, `Electron`, `wall`. */
  desk: string;
  locked: boolean;
  startedAt: number;
  /** Minutes without input after which the console locks itself (0: never). */
  lockAfterMin: number;
}

/** A sign-in's answer: the session, and its token for scripts (`Authorization: Bearer`). Browsers get it as an HttpOnly cookie too. */
export interface SignedIn extends SessionInfo {
  token: string;
}

/** A session as a supervisor sees it in the list of desks signed in. */
export interface SessionView {
  sessionId: string;
  operator: string;
  roles: Role[];
  desk: string;
  startedAt: number;
  lastSeenAt: number;
  locked: boolean;
}

export interface OperatorView {
  username: string;
  roles: Role[];
  createdAt: number;
  createdBy: string;
  /** Wrong passwords given for this name since its last good sign-in. */
  failedSignIns: number;
  /** Sessions open now. */
  sessions: number;
}

/** A camera socket's ticket (`?ticket=`, used once, within 30 s) and the host's own address to open it at. */
export interface StreamTicket {
  ticket: string;
  /** e.g. `http://127.0.0.1:8620/`: the video socket is `ws(s)://` there. */
  base: string;
}
