// Alerts while the page is closed (Web Push): asked for only when the person presses the button,
// never on load. Subscribes this app's service worker registration with the gateway's VAPID key
// (GET /api/push/key) and gives the subscription to the gateway (PUT /api/subscribers/me/push).
// Where push cannot work (notifications blocked, no push service reachable) the page says so
// calmly and keeps working live.
import * as store from "./offlineStore.js";

/**
 * app: "public" or "field"; api: the page's API client (with its token); keepToken: the token the
 * worker may use to re-subscribe on its own (the public page's), or null.
 * Returns { supported, enable(), resume(), disable() }; enable/resume resolve to
 * "on" | "denied" | "unsupported" | "failed".
 */
export function createWebPush(app, api, keepToken = () => null) {
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

  async function registration() {
    const found = await navigator.serviceWorker.getRegistration(`/${app}`);
    return found ?? navigator.serviceWorker.register("/sw.js", { scope: `/${app}` });
  }

  async function subscribe() {
    const reg = await registration();
    const { publicKey } = await api.get("/api/push/key");
    let subscription = await reg.pushManager.getSubscription();
    // A subscription made with another key (the gateway's pair changed) cannot be used.
    if (subscription && subscription.options?.applicationServerKey && !sameKey(subscription.options.applicationServerKey, publicKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: store.keyBytes(publicKey) });
    const { endpoint, keys } = subscription.toJSON();
    await api.put("/api/subscribers/me/push", { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
    await store.put("push", app, { publicKey, endpoint, token: keepToken() ?? undefined });
    return "on";
  }

  /** Asks for permission (call from a button press), then subscribes. */
  async function enable() {
    if (!supported) return "unsupported";
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return "denied";
    try {
      return await subscribe();
    } catch (error) {
      // No push service reachable (offline, or a browser without one, as headless Chromium).
      console.warn("Web Push subscription failed:", error);
      return "failed";
    }
  }

  /**
   * On open: if push was on and is still allowed, subscribe again when needed and tell the gateway
   * (the subscription may have changed while the page was closed); never asks. Offline, a kept
   * subscription still counts as on.
   */
  async function resume() {
    if (!supported || Notification.permission !== "granted") return null;
    const kept = await store.get("push", app).catch(() => null);
    if (!kept) return null;
    try {
      return await subscribe();
    } catch {
      const reg = await navigator.serviceWorker.getRegistration(`/${app}`);
      return (await reg?.pushManager.getSubscription()) ? "on" : null;
    }
  }

  /** Stops pushes on this phone: the browser's subscription and the gateway's copy of it. */
  async function disable() {
    let endpoint = (await store.get("push", app).catch(() => null))?.endpoint;
    await store.remove("push", app).catch(() => {});
    if (supported) {
      const reg = await navigator.serviceWorker.getRegistration(`/${app}`);
      const subscription = await reg?.pushManager.getSubscription();
      endpoint ??= subscription?.endpoint;
      await subscription?.unsubscribe().catch(() => {});
    }
    // This phone's only: a field account signed in on other phones keeps their pushes. A field
    // phone that knows no endpoint of its own (push never on here, or already off) has none to
    // turn off; without one the delete would end the pushes of every phone of the account.
    if (!endpoint && app === "field") return;
    try {
      await api.del(endpoint ? `/api/subscribers/me/push?endpoint=${encodeURIComponent(endpoint)}` : "/api/subscribers/me/push");
    } catch (error) {
      // Nothing to delete, or the subscription itself is gone: pushes are off either way.
      if (error.status !== 404 && error.status !== 401) throw error;
    }
  }

  return { supported, enable, resume, disable };
}

function sameKey(buffer, base64url) {
  const a = new Uint8Array(buffer);
  const b = store.keyBytes(base64url);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
