// The service worker of the installed apps, registered by /public and by /field with their own
// scope (one registration each, so each app has its own push subscription). It keeps the app
// shell for opening with no network, shows pushed alerts as notifications, and opens the page at
// a case when one is tapped. SHELL_VERSION and SHELL_FILES are written in by build.mjs.
import * as store from "../shared/offlineStore.js";

/* global SHELL_VERSION, SHELL_FILES */
const shellCache = `ew-shell-${SHELL_VERSION}`;
// Answers of GET /api/pages/config, for the map when offline (the only API answer kept).
const configCache = "ew-config";
const scopePath = new URL(self.registration.scope).pathname; // "/public" or "/field"
const app = scopePath.replace(/^\//, "");
const icon = "/build/icons/icon-192.png";

self.addEventListener("install", (event) => {
  // cache: "reload": the shell from the server, not from the HTTP cache's older copy.
  event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("ew-shell-") && n !== shellCache).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/api/pages/config") event.respondWith(networkFirst(request, configCache));
  // The rest of the API and the hub: the network only, never a stale answer taken for a fresh one.
  else if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/hubs/")) return;
  // The shell: the network first, so an online page is always the deployed one; the kept copy
  // when there is no network.
  else if (request.mode === "navigate" || SHELL_FILES.includes(url.pathname)) event.respondWith(networkFirst(request, shellCache));
});

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreSearch: true }) ?? (request.mode === "navigate" ? await cache.match(scopePath) : undefined);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener("push", (event) => {
  let payload = null;
  try {
    payload = event.data?.json();
  } catch {
    // Not ours: nothing to show.
  }
  if (payload?.caseId && Number.isInteger(payload.version)) event.waitUntil(notifyOrShow(payload));
});

// An alert is never lost to the bookkeeping: when IndexedDB fails, the notification is shown
// anyway (at worst twice), never silently dropped.
async function notifyOrShow(alert) {
  try {
    await notify(alert);
  } catch (error) {
    console.error("push: kept state unavailable, showing the alert anyway", error);
    await show(alert, alert.kind === "new");
  }
}

// A pushed alert: kept for the page, and shown unless a visible page already shows that version,
// or this worker already notified it (a push service may deliver a message twice). A `new` for a
// case this phone was already alerted of (a tile whose silo died re-sends it with its next
// version) replaces the notification quietly, as an update: one alarm per case.
async function notify(alert) {
  const key = `${app}/${alert.caseId}`;
  const notified = await store.get("notified", key);
  if (notified >= store.rank(alert)) return;
  await store.put("notified", key, store.rank(alert));
  const held = await store.get("alerts", key);
  // Stale: the page holds the case's cancel, or this worker already rang for the case. Not a later
  // update a hidden page took (its catch-up after coming back): nobody has seen the child yet.
  if (held && store.rank(held) > store.rank(alert) && (held.kind === "cancel" || notified !== undefined)) return;
  const shownByPage = held && !held.partial && store.rank(held) >= store.rank(alert);
  if (!held || store.rank(held) < store.rank(alert)) {
    // No zone or photo in a push: the page draws the card from this until it catches up. A cancel
    // keeps neither the child nor the zone, whose circles are centred where the child was seen.
    const cancel = alert.kind === "cancel";
    await store.put("alerts", key, { ...held, ...alert, child: cancel ? null : held?.child, zone: cancel ? null : held?.zone, partial: true });
  }

  if (shownByPage && (await visiblePage())) {
    // The page shows it; a cancel still closes the case's notification, which names the child.
    if (alert.kind === "cancel") for (const shown of await self.registration.getNotifications({ tag: alert.caseId })) shown.close();
    return;
  }
  // Alerted before: by this worker, or by the page of an earlier version. Not the page's copy of
  // this very version: a page whose tab is hidden takes and keeps the alert with nobody seeing it.
  await show(alert, alert.kind === "new" && notified === undefined && !(held && store.rank(held) < store.rank(alert)));
}

async function show(alert, isNew) {
  await self.registration.showNotification(alert.headline, {
    body: alert.text,
    tag: alert.caseId, // an update or cancel replaces the case's earlier notification
    renotify: isNew,
    requireInteraction: isNew,
    silent: alert.kind === "cancel",
    icon,
    lang: alert.language,
    timestamp: Date.parse(alert.issuedAt) || Date.now(),
    data: { caseId: alert.caseId, version: alert.version, kind: alert.kind === "new" && !isNew ? "update" : alert.kind },
  });
}

async function visiblePage() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  return windows.some((w) => w.visibilityState === "visible" && new URL(w.url).pathname === scopePath);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openCase(event.notification.data?.caseId));
});

// Focuses an open page and tells it which case; otherwise opens the page at that case.
async function openCase(caseId) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).pathname === scopePath);
  if (open) {
    await open.focus();
    if (caseId) open.postMessage({ type: "open-case", caseId });
    return;
  }
  await self.clients.openWindow(caseId ? `${scopePath}#case=${encodeURIComponent(caseId)}` : scopePath);
}

// The push service replaced or dropped the subscription: subscribe again with the same key and
// tell the gateway. Only the public app can, with the subscriber token the page kept here; the
// field app (whose staff token stays in its tab) and a worker that fails re-subscribe when the
// page is next opened (webPush.js resume()).
self.addEventListener("pushsubscriptionchange", (event) => event.waitUntil(resubscribe(event.newSubscription)));

async function resubscribe(given) {
  const kept = await store.get("push", app);
  if (!kept?.token) return;
  const subscription = given ?? (await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: store.keyBytes(kept.publicKey) }));
  const { endpoint, keys } = subscription.toJSON();
  const response = await fetch("/api/subscribers/me/push", {
    method: "PUT",
    headers: { Authorization: `Bearer ${kept.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }),
  });
  if (response.ok) await store.put("push", app, { ...kept, endpoint });
}
