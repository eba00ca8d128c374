/**
 * Who may do what. Every operation in the contract names the roles that may call it; the host
 * checks that one declaration for HTTP, the live stream and Electron IPC alike, and the console
 * reads the same declaration to hide or disable what the signed-in operator cannot do.
 */
export const ROLES = ['dispatcher', 'cctv_operator', 'supervisor', 'coordinator', 'wall'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  dispatcher: 'call-taker / dispatcher',
  cctv_operator: 'CCTV operator',
  supervisor: 'supervisor',
  coordinator: 'major-incident coordinator',
  wall: 'read-only wall',
};

/**
 * `public`: no session needed (signing in). `signed_in`: any operator, the wall included (reads
 * of what every desk already sees on its stream). Otherwise the roles that may call it.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

/** The signed-in operator a request is made for, as the host resolved it from the session. */
export interface Caller {
  operator: string;
  roles: readonly Role[];
  /** The session's public id (not its secret token); null for the host's own acts. */
  sessionId: string | null;
  /** A locked desk keeps its stream (alarms) but may change nothing until the same operator unlocks it. */
  locked: boolean;
  /** Where the request came from (`browser 10.0.0.7`, `Electron`): what a sign-in records as the desk. */
  desk?: string;
}

/** The host acting on its own (timers, gateways, start-up), never a signed-in operator. */
export const HOST_CALLER: Caller = { operator: 'host', roles: [], sessionId: null, locked: false };

export const isRole = (s: unknown): s is Role => typeof s === 'string' && (ROLES as readonly string[]).includes(s);

export function mayCall(access: Access, roles: readonly Role[]): boolean {
  if (access === 'public' || access === 'signed_in') return true;
  return access.some((r) => roles.includes(r));
}

const list = (roles: readonly string[]) => (roles.length <= 1 ? roles.join('') : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}`);

/** The sentence an operator reads when their roles do not allow an act. */
export function roleRefusal(what: string, access: readonly Role[], caller: Pick<Caller, 'operator' | 'roles'>): string {
  const held = caller.roles.length ? caller.roles.map((r) => ROLE_NAMES[r]).join(', ') : 'no role';
  return `Refused: ${what} needs the role of ${list(access.map((r) => ROLE_NAMES[r]))}; ${caller.operator} is signed in as ${held}.`;
}

export const LOCKED_REFUSAL = 'Refused: this desk is locked. The operator who locked it must unlock it first.';

// The role groups the contract declares, named once so a change of policy is one edit.
/** Taking calls and sending officers. */
export const DISPATCH: readonly Role[] = ['dispatcher', 'supervisor', 'coordinator'];
/** Recording what is seen or heard on an incident: dispatchers and CCTV operators alike. */
export const OBSERVE: readonly Role[] = ['dispatcher', 'cctv_operator', 'supervisor', 'coordinator'];
/** Steering cameras. */
export const CAMERAS: readonly Role[] = ['cctv_operator', 'supervisor'];
/** What shows on the video wall. */
export const WALL_DRIVERS: readonly Role[] = ['cctv_operator', 'supervisor', 'coordinator'];
/** Roster, accreditation, PSPO zones, the camera registry, map data, backups, operators and audit. */
export const SUPERVISION: readonly Role[] = ['supervisor'];
/** Running a major incident once declared. */
export const MAJOR: readonly Role[] = ['coordinator', 'supervisor'];
/** Declaring one: whoever takes the call that shows it is one. */
export const DECLARE_MAJOR: readonly Role[] = ['dispatcher', 'coordinator', 'supervisor'];
/** Sensitive reads of an officer's movements (track, replay): audited. */
export const TRACKING: readonly Role[] = ['dispatcher', 'supervisor', 'coordinator'];
