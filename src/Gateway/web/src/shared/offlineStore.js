// What the installed apps keep in IndexedDB, shared by the pages and the service worker:
//   alerts   "<app>/<caseId>" → the alert as last shown (written by the page when it receives or
//            catches up, and by the worker when a push comes; `partial` marks a pushed one, which
//            has no zone or photo until the page catches up)
//   notified "<app>/<caseId>" → the rank of the last alert the worker notified (never twice)
//   push     "<app>"          → { publicKey, endpoint, token? }: the push subscription the page made;
//            the public page's subscriber token is kept here so the worker can re-subscribe on
//            its own; the field page's staff token is not (it lives in the tab's session only).
const name = "earlywarning";
const stores = ["alerts", "notified", "push"];

let opened = null;

function open() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => stores.forEach((s) => request.result.createObjectStore(s));
    request.onsuccess = () => {
      // The browser may close a connection (storage cleared, another version opened): the next
      // call opens a fresh one rather than failing on the closed one for good.
      request.result.onclose = () => (opened = null);
      request.result.onversionchange = () => {
        request.result.close();
        opened = null;
      };
      resolve(request.result);
    };
    request.onerror = () => {
      opened = null;
      reject(request.error);
    };
  });
  return opened;
}

async function run(store, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const get = (store, key) => run(store, "readonly", (s) => s.get(key));
export const put = (store, key, value) => run(store, "readwrite", (s) => s.put(value, key));
export const remove = (store, key) => run(store, "readwrite", (s) => s.delete(key));

/** The app's kept alerts. */
export const loadAlerts = (app) => run("alerts", "readonly", (s) => s.getAll(IDBKeyRange.bound(`${app}/`, `${app}/\uffff`)));

/**
 * Keeps these alerts (what the page now shows); a later one the worker kept stays (a cancel pushed
 * while the page's socket was away must not give way to the older alert naming the child).
 */
// One transaction, begun at once: each put waits only for its own read inside it. A page closed
// right after an alert came aborted a read-then-write in two transactions and kept nothing.
export const saveAlerts = (app, alerts) =>
  run("alerts", "readwrite", (s) => {
    for (const alert of alerts) {
      const key = `${app}/${alert.caseId}`;
      const held = s.get(key);
      held.onsuccess = () => {
        const kept = held.result;
        // At one rank, a full alert replaces a pushed (partial) one, never the other way round.
        if (!kept || rank(kept) < rank(alert) || (rank(kept) === rank(alert) && (kept.partial || !alert.partial))) s.put(alert, key);
      };
    }
  });

/** Forgets the app's alerts, notifications and push subscription (unsubscribed, signed out). */
export async function forget(app) {
  await forgetAlerts(app);
  await remove("push", app);
}

/** Forgets the app's alerts and closes its notifications; its push subscription stays. */
export async function forgetAlerts(app) {
  await run("alerts", "readwrite", (s) => s.delete(IDBKeyRange.bound(`${app}/`, `${app}/\uffff`)));
  await run("notified", "readwrite", (s) => s.delete(IDBKeyRange.bound(`${app}/`, `${app}/\uffff`)));
  await closeNotifications(app);
}

/**
 * Closes the app's notifications on screen, of one case or of all: a notification naming a child
 * must not outlive the case's cancel (nor a sign-out). Where there is no worker, nothing to close.
 */
export async function closeNotifications(app, caseId = undefined) {
  try {
    const registration = await navigator.serviceWorker?.getRegistration(`/${app}`);
    for (const shown of (await registration?.getNotifications(caseId ? { tag: caseId } : {})) ?? []) shown.close();
  } catch {
    // No notifications to reach (none allowed, a private window): none on screen either.
  }
}

/** One order over a case's alerts: later versions first, and a cancel after its version's update. */
export const rank = (alert) => alert.version * 2 + (alert.kind === "cancel" ? 1 : 0);

/** The VAPID public key (base64url) as PushManager.subscribe wants it. */
export function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
