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
    // A FormData body (a photo upload) goes as multipart with the boundary fetch chooses.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
    // No token (it expired) or a refused one: the page asks to sign in again — unless the user
    // signed in again while this request was on its way (as the hub does, shared/hub.js).
    if (response.status === 401 && getToken() === token) onUnauthorized();
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }
  /** Bytes the page shows itself (a hosted photo), fetched with the token so the control room keeps them after resolve. */
  async function blob(path) {
    const token = getToken();
    const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!response.ok) throw new ApiError(response.status, null);
    return response.blob();
  }
  return {
    blob,
    upload: (path, formData) => call("POST", path, formData),
    get: (path) => call("GET", path),
    post: (path, body, headers) => call("POST", path, body ?? {}, headers),
    put: (path, body) => call("PUT", path, body),
    patch: (path, body) => call("PATCH", path, body),
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
