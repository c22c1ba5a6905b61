// The REST API of API.md, with problem details turned into errors that say which field is wrong.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function createApi(getToken, onUnauthorized = () => {}) {
  async function call(method, path, body, extraHeaders = {}) {
    const headers = { Accept: "application/json", ...extraHeaders };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // No token (it expired) or a refused one: the page asks to sign in again — unless the user
    // signed in again while this request was on its way (as the hub does, shared/hub.js).
    if (response.status === 401 && getToken() === token) onUnauthorized();
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }
  return {
    get: (path) => call("GET", path),
    post: (path, body, headers) => call("POST", path, body ?? {}, headers),
    put: (path, body) => call("PUT", path, body),
    del: (path) => call("DELETE", path),
  };
}

/** POST /api/auth/token */
export async function requestToken(username, password) {
  return createApi(() => null).post("/api/auth/token", { username, password });
}

/** A client-chosen sighting id, so a retried report is stored once. */
export function newId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
