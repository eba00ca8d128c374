/**
 * Signing tests in: every API call and the stream need an operator session. Hosts started by the
 * test helpers are given this password for their first supervisor.
 */
export const SUPERVISOR_PASSWORD = 'test-supervisor-password';

export interface TestSession {
  token: string;
  operator: string;
  roles: string[];
}

/** POST /api/session; throws with the host's sentence if refused. */
export async function signIn(url: string, username = 'supervisor', password = SUPERVISOR_PASSWORD): Promise<TestSession> {
  const r = await fetch(url + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await r.json()) as { ok: boolean; value: TestSession; error?: string };
  if (!body.ok) throw new Error(`sign-in as ${username} refused: ${body.error}`);
  return body.value;
}

/** Creates an operator (as a supervisor) and signs them in. */
export async function operatorSession(url: string, supervisor: TestSession, username: string, roles: string[], password = `${username}-password-1`): Promise<TestSession> {
  const r = await fetch(url + '/api/operators', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor.token}` },
    body: JSON.stringify({ username, password, roles }),
  });
  const body = (await r.json()) as { ok: boolean; error?: string };
  if (!body.ok && r.status !== 409) throw new Error(`could not create ${username}: ${body.error}`);
  return signIn(url, username, password);
}

/**
 * `fetch` that sends a session's token, as a script or gateway would (unless the request brings
 * its own `authorization`). The token may come later: it is asked for on each request.
 */
function fetchWithToken(token: () => string | Promise<string>): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${await token()}`);
    return fetch(input, { ...init, headers });
  };
}

/** `fetch` as this session. */
export const fetchAs = (session: Pick<TestSession, 'token'>): typeof fetch => fetchWithToken(() => session.token);

interface InProcessHost {
  url: string;
  access: { openTrusted(username: string, desk: string): Promise<{ ok: true; value: { token: string } } | { ok: false; error: string }> };
}

/**
 * `fetch` as the first supervisor of an in-process host (a script signed in), for tests that call
 * its API: the session is opened on first use, once per host (a restarted host gets a new one).
 */
const tokens = new WeakMap<object, Promise<string>>();

export function supervisorFetch(host: () => InProcessHost): typeof fetch & { token(): Promise<string> } {
  const token = () => {
    const h = host();
    let t = tokens.get(h);
    if (!t) {
      t = h.access.openTrusted('supervisor', 'test script').then((r) => {
        if (!r.ok) throw new Error(r.error);
        return r.value.token;
      });
      tokens.set(h, t);
    }
    return t;
  };
  return Object.assign(fetchWithToken(token), { token });
}

interface InProcessAccess extends InProcessHost {
  access: InProcessHost['access'] & {
    createOperator(o: { username: string; password: string; roles: ('dispatcher' | 'cctv_operator' | 'supervisor' | 'coordinator' | 'wall')[] }, by: string): Promise<unknown>;
  };
}
const operatorTokens = new WeakMap<object, Map<string, Promise<string>>>();

/** A display name as an operator's username: `Insp Ward` → `insp.ward`. */
const usernameOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');

/**
 * `fetch` as the named operator at their own desk (created on first use, with every role but the
 * wall's), for tests about who did what: the host attributes acts to the session, nothing else.
 */
export function fetchAsOperator(host: InProcessAccess, name: string): typeof fetch {
  const username = usernameOf(name);
  let perHost = operatorTokens.get(host);
  if (!perHost) operatorTokens.set(host, (perHost = new Map()));
  let t = perHost.get(username);
  if (!t) {
    t = (async () => {
      await host.access.createOperator({ username, password: `${username}-password-1`, roles: ['dispatcher', 'cctv_operator', 'supervisor', 'coordinator'] }, 'supervisor');
      const r = await host.access.openTrusted(username, 'test desk');
      if (!r.ok) throw new Error(r.error);
      return r.value.token;
    })();
    perHost.set(username, t);
  }
  const token = t;
  return fetchWithToken(() => token);
}
