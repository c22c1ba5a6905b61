// The live hub (/hubs/alerts): one connection that never gives up. A phone in a tunnel or a
// gateway being redeployed must come back on its own, so every way of losing the connection —
// a connect that fails, a close — leads to another try after a capped exponential backoff with
// jitter (at most 30 s). Coming back online or to the foreground tries at once. After every
// (re)connect, and when the page comes back, `resync` runs: pushes missed in the gap are gone,
// so the page reads the state again. After a connect it runs on the gateway's `live` message,
// not when start() resolves: the gateway answers the handshake before it registers the
// connection, and a push sent in between reached no one. A gateway that never says `live` (one
// older than this page) gets the resync `liveFallbackMs` after the connect.
// It connects with a WebSocket straight away, without negotiating: one request, so any gateway
// behind a plain load balancer can take it (no sticky sessions). A browser hides why a WebSocket
// upgrade failed, so after a failed connect `probe` (an authenticated REST call the page makes
// anyway, e.g. its catch-up) tells a refused token (401) from a gateway that is down or busy.
// A refused token is the one thing that stops the retries: then `onUnauthorized` asks the user
// to sign in again, and `resume()` carries on with the new token.
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";

export const maxRetryDelayMs = 30000;
export const liveFallbackMs = 5000;

/** 0.5–1 s, 1–2 s, 2–4 s … then 15–30 s for ever: doubling, capped, half of it random so phones spread out. */
export function retryDelay(attempt) {
  const ceiling = Math.min(maxRetryDelayMs, 1000 * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

const isUnauthorized = (error) => error?.statusCode === 401 || /\b401\b/.test(String(error?.message ?? ""));

/**
 * handlers: hub method name → handler (e.g. alert, caseUpdated), plus resync() (after every
 * (re)connect and when the page comes back). onStatus(state): connecting | live | reconnecting | offline.
 * probe(): an authenticated REST call with the same token, run after a failed connect; it rejects
 * with `status` 401 when the token is refused (an ApiError of shared/api.js). query: added to the
 * hub's address (the control room's "deltas=1" asks for caseDelta instead of caseUpdated).
 */
export function connectHub(getToken, handlers, { onStatus = () => {}, onUnauthorized = () => {}, probe = () => {}, query = "" } = {}) {
  const { resync = () => {}, ...methods } = handlers;
  let attempt = 0;
  let timer = null;
  let stopped = false;
  let refused = false;
  // Which start() is the latest: a probe's late answer for an older one changes nothing.
  let round = 0;
  // The token the last attempt carried: a refusal of it says nothing of a newer one.
  let tried = null;
  const newerToken = () => Boolean(getToken()) && getToken() !== tried;

  const connection = new HubConnectionBuilder()
    .withUrl(query ? `/hubs/alerts?${query}` : "/hubs/alerts", {
      skipNegotiation: true,
      transport: HttpTransportType.WebSockets,
      accessTokenFactory: () => (tried = getToken() ?? ""),
    })
    .configureLogging(LogLevel.None)
    .build();
  for (const [name, handler] of Object.entries(methods)) connection.on(name, handler);

  const resyncNow = () =>
    Promise.resolve()
      .then(resync)
      .catch(() => {});
  const showLive = () => {
    attempt = 0;
    onStatus("live");
  };
  const synced = () => {
    showLive();
    resyncNow();
  };

  // Whether this connection's `live` came (it may come before start() resolves), and the fallback.
  let liveSeen = false;
  let liveTimer = null;
  connection.on("live", () => {
    liveSeen = true;
    clearTimeout(liveTimer);
    liveTimer = null;
    resyncNow();
  });
  const connected = () => {
    showLive();
    if (!liveSeen) liveTimer = setTimeout(resyncNow, liveFallbackMs);
  };

  // Lost after being live (a gateway gone, the token's end): try again soon; if that try fails,
  // the probe says whether the token was the reason.
  connection.onclose((error) => {
    if (stopped) return onStatus("offline");
    if (refused || isUnauthorized(error) || !getToken()) return unauthorized();
    later(retryDelay(attempt++));
  });

  /** Resolves true when the probe's answer is 401; any other failure (503, no network) is not a refusal. */
  const refusedByProbe = () =>
    Promise.resolve()
      .then(probe)
      .then(
        () => false,
        (error) => error?.status === 401,
      );

  async function start() {
    clearTimeout(timer);
    timer = null;
    if (stopped || connection.state !== HubConnectionState.Disconnected) return;
    if (!getToken()) return unauthorized();
    refused = false;
    const mine = ++round;
    onStatus(attempt === 0 ? "connecting" : "reconnecting");
    liveSeen = false;
    clearTimeout(liveTimer);
    try {
      await connection.start();
      connected();
    } catch (error) {
      if (stopped || mine !== round) return;
      const refusal = isUnauthorized(error) || (await refusedByProbe());
      if (stopped || mine !== round || connection.state !== HubConnectionState.Disconnected) return;
      if (refusal) return unauthorized();
      later(retryDelay(attempt++));
    }
  }

  function later(delay) {
    if (stopped) return;
    onStatus("offline");
    clearTimeout(timer);
    timer = setTimeout(start, delay);
  }

  function unauthorized() {
    if (newerToken()) {
      attempt = 0;
      return later(0);
    }
    clearTimeout(timer);
    timer = null;
    refused = true;
    onStatus("offline");
    onUnauthorized();
  }

  // Back online or back in front: try now rather than at the end of a long backoff.
  function wake() {
    if (stopped || refused) return;
    if (connection.state === HubConnectionState.Connected) return synced();
    if (connection.state === HubConnectionState.Disconnected) {
      attempt = 0;
      start();
    }
  }
  const offline = () => connection.state !== HubConnectionState.Connected || onStatus("offline");
  const visible = () => document.visibilityState === "visible" && wake();
  addEventListener("online", wake);
  addEventListener("offline", offline);
  document.addEventListener("visibilitychange", visible);

  start();
  return {
    invoke: (name, ...args) => connection.invoke(name, ...args),
    /** After signing in again: carry on with the new token. */
    resume() {
      if (stopped) return;
      refused = false;
      attempt = 0;
      if (connection.state === HubConnectionState.Connected) synced();
      else start();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(liveTimer);
      removeEventListener("online", wake);
      removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", visible);
      await connection.stop();
    },
  };
}
