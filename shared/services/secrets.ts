/**
 * `mqtt://user:pass@host:1883` → `mqtt://user@host:1883`: the user name says which account the
 * console uses, the password is nobody's business on a screen or in a log.
 */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '';
    return u.href.replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return hidePasswords(url);
  }
}

/** Any `scheme://user:pass@` inside a sentence (a library's error message, say) loses its password. */
export const hidePasswords = (text: string) => text.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s@/]*@/gi, '$1@');
