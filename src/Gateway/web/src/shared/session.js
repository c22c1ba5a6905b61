// A signed-in user's token, kept per page so the control room and a field phone in one browser
// do not overwrite each other. sessionStorage: closing the tab signs out.

export function createSession(key, storage = sessionStorage) {
  const stored = () => {
    try {
      return JSON.parse(storage.getItem(key) ?? "null");
    } catch {
      return null;
    }
  };
  // A token past its expiresAt is no token: the page asks to sign in again.
  const read = () => {
    const s = stored();
    return s && new Date(s.expiresAt ?? 8640000000000000) > new Date() ? s : null;
  };
  return {
    get: read,
    /** The stored sign-in even when it has expired (who to ask to sign in again). */
    last: stored,
    token: () => read()?.accessToken ?? read()?.token ?? null,
    save: (value) => storage.setItem(key, JSON.stringify(value)),
    clear: () => storage.removeItem(key),
  };
}
