// A signed-in user's token, kept per page so the control room and a field phone in one browser
// do not overwrite each other. sessionStorage: closing the tab signs out.

export function createSession(key, storage = sessionStorage) {
  const read = () => {
    try {
      const s = JSON.parse(storage.getItem(key) ?? "null");
      return s && new Date(s.expiresAt ?? 8640000000000000) > new Date() ? s : null;
    } catch {
      return null;
    }
  };
  return {
    get: read,
    token: () => read()?.accessToken ?? read()?.token ?? null,
    save: (value) => storage.setItem(key, JSON.stringify(value)),
    clear: () => storage.removeItem(key),
  };
}
