/** Every host operation answers with this; `error` is a sentence a dispatcher can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; code?: ErrorCode };
export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'forbidden' | 'unauthenticated' | 'locked';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string, code: ErrorCode = 'invalid'): Result<T> => ({ ok: false, error, code });
