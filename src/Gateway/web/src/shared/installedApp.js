// The page's side of the installed app: registers the service worker for this page's scope
// (/public or /field: each app its own registration and push subscription), keeps what the page
// shows in IndexedDB for opening offline, and opens a case when a notification was tapped
// (/public#case=<id>, or a message from the worker when the page was already open).
import * as store from "./offlineStore.js";

/** app: "public" or "field"; openCase(caseId) scrolls to and highlights that case's card. */
export function installApp(app, openCase) {
  const fromHash = () => {
    const match = /(?:^#|&)case=([^&]+)/.exec(location.hash);
    try {
      if (match) openCase(decodeURIComponent(match[1]));
    } catch {
      // A malformed link: the page opens as usual.
    }
  };
  window.addEventListener("hashchange", fromHash);
  fromHash();
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "open-case" && typeof event.data.caseId === "string") openCase(event.data.caseId);
  });
  navigator.serviceWorker.register("/sw.js", { scope: `/${app}` }).catch(() => {
    // No service worker (a private window, an old browser): the page works, only not offline.
  });
}

/** The alerts kept from the last time (shown before the network answers, or when it does not). */
export const keptAlerts = (app) => store.loadAlerts(app).catch(() => []);

/** Keeps what the page shows; a failure (no IndexedDB) only costs the offline copy. */
export const keepAlerts = (app, alerts) => store.saveAlerts(app, alerts).catch(() => {});
