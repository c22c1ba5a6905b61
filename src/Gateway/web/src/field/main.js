// The field page (/field): a team's phone. Sign in, share the position (GPS or a tap), get the
// alerts whose zone is within the team's watch radius, acknowledge them, report sightings.
// Installable: it reopens offline (in the same signed-in tab) with the alerts it last showed, and
// a button asks for alerts while closed (Web Push). The staff token stays in the tab's session,
// never in IndexedDB: the worker cannot re-subscribe on its own, so the page does when opened.
// In Macedonian, Albanian or English, as the signed-in account chose (./texts.js).
import "../shared/pages.css";
import "./field.css";
import { createApi } from "../shared/api.js";
import { createAlertInbox, inboxWords } from "../shared/alertInbox.js";
import { loadConfig } from "../shared/config.js";
import { $, fill, pageReady, showProblem, wired } from "../shared/dom.js";
import { latLon, time } from "../shared/format.js";
import { connectHub } from "../shared/hub.js";
import { installApp, keepAlerts, keptAlerts } from "../shared/installedApp.js";
import { createMap } from "../shared/map.js";
import * as offlineStore from "../shared/offlineStore.js";
import { createSession } from "../shared/session.js";
import { signIn, signOut } from "../shared/signIn.js";
import { createSightingForm } from "../shared/sightingForm.js";
import { createWebPush } from "../shared/webPush.js";
import { t, texts } from "./texts.js";

const session = createSession("ew.field");
const api = createApi(session.token, () => login.ask(t("signInRefused")));
const webPush = createWebPush("field", api);
let hub = null;
let inbox = null;
// A case a tapped notification asked for before the inbox was there (not signed in yet).
let wantedCase = null;
// What the inbox and the sighting form say, read afresh in the language of the moment.
const inboxTexts = () => inboxWords(t);
const formTexts = {
  sent: (status) => t("sent", { status: texts.label("sighting", status) }),
  get needPoint() {
    return t("needPoint");
  },
};

pageReady();
// The worker registers before sign-in, so the shell is kept even before the first alert.
installApp("field", (caseId) => (inbox ? inbox.focus(caseId) : (wantedCase = caseId)));
const login = signIn(session, (role) => (role !== "field" ? t("operatorsUseControlRoom") : null), start, () => hub?.resume(), t);

// Whose alerts this phone keeps (the account that last signed in here).
const ownerKey = "ew.field.owner";

/**
 * A phone passed to another team without signing out (the tab was closed): what it keeps is the
 * last team's. Its alerts name children this team was not told of, and the first catch-up (a team
 * with no position yet is listed nothing) would close them here a version ahead, outranking this
 * team's own alert of the same case when it comes; its push subscription still brings the last
 * team's alerts. None of it stays.
 */
async function forgetOtherTeam(subscriberId) {
  const owner = localStorage.getItem(ownerKey);
  if (owner === subscriberId) return;
  if (owner !== null) {
    await webPush.disable().catch(() => {});
    await offlineStore.forget("field").catch(() => {});
  } else {
    // Kept before owners were (an older page): whose alerts they are is unknown, so they go (the
    // catch-up brings back this team's). The push subscription stays: it may well be this team's,
    // and turning it off would silently end its alerts while the page is closed.
    await offlineStore.forgetAlerts("field").catch(() => {});
  }
  localStorage.setItem(ownerKey, subscriberId);
}

async function start() {
  texts.signedIn(session.get().username);
  fill($("#who"), session.get().subscriberId);
  await forgetOtherTeam(session.get().subscriberId);
  $("#logout").onclick = async () => {
    // Signed out, this phone no longer gets the team's alerts, nor keeps them. The team's position
    // stays: its other members' phones, signed in as the same account, still search with it. The
    // owner stays too: a sign-out that failed offline leaves the next team's sign-in to forget.
    await webPush.disable().catch(() => {});
    await offlineStore.forget("field").catch(() => {});
    signOut(session);
  };

  const map = await createMap($("#map"), await loadConfig());
  let position = null;
  let positionAt = null;
  let sightingPoint = null;
  const showPosition = () => fill($("#position"), position ? `${latLon(position)} · ${time(positionAt)}` : t("positionNotSet"));
  showPosition();

  // Before the inbox: a kept cancel it takes at once closes the form's case.
  const sightingForm = createSightingForm({ form: $("#sighting-form"), api, texts: formTexts, getPoint: () => sightingPoint ?? position });

  inbox = createAlertInbox({
    list: $("#alerts"),
    map,
    texts: inboxTexts(),
    // Until the hub exists (the first catch-up still on its way) nothing is sent: the button stays.
    onAcknowledge: (a) => (hub ? hub.invoke("Acknowledge", a.caseId, a.version) : Promise.reject(new Error())),
    onReport: (a) => sightingForm.open(a),
    onChange: (alerts) => keepAlerts("field", alerts),
    onCancel: (a) => {
      sightingForm.closeFor(a.caseId);
      offlineStore.closeNotifications("field", a.caseId);
    },
  });
  if (wantedCase) inbox.focus(wantedCase);
  for (const alert of await keptAlerts("field")) inbox.receive(alert);

  async function moveTo(point) {
    try {
      await api.put("/api/subscribers/me/location", point);
      position = point;
      positionAt = new Date();
      map.dot("me", point.lat, point.lon, { color: "#1f618d", fillColor: "#5dade2" }, t("me"));
      showPosition();
      $("#position-problem").hidden = true;
    } catch (error) {
      showProblem($("#position-problem"), error);
    }
  }

  // A tap sets my position until the first one, then marks where a sighting was.
  map.onClick((point) => {
    if (!position || $("#sighting-form").hidden) moveTo(point);
    else {
      sightingPoint = point;
      map.dot("sighting", point.lat, point.lon, { color: "#e67e22", fillColor: "#f5b041" }, t("sightingHere"));
    }
  });

  // One watch however often the button is pressed: each would send its own update every 10 s.
  let watch = null;
  $("#gps").onclick = () => {
    if (!navigator.geolocation) return showProblem($("#position-problem"), new Error(t("noGeolocation")));
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    let last = 0;
    watch = navigator.geolocation.watchPosition(
      (p) => {
        // At most one update every 10 s: enough for a walking team, kind to the battery.
        if (Date.now() - last < 10000) return;
        last = Date.now();
        moveTo({ lat: p.coords.latitude, lon: p.coords.longitude }).then(() => map.centreOn(p.coords.latitude, p.coords.longitude));
      },
      (e) => showProblem($("#position-problem"), new Error(e.message)),
      { enableHighAccuracy: true },
    );
  };

  const pushState = { on: "pushOnDone", denied: "pushDenied", unsupported: "pushUnsupported", off: "pushOffDone" };
  const showPush = (state) => {
    $("#push-on").hidden = state === "on" || !webPush.supported;
    $("#push-off").hidden = state !== "on";
    const key = pushState[state === "failed" ? "unsupported" : state];
    const text = key ? t(key) : "";
    fill($("#push-state"), text);
    $("#push-state").dataset.state = state ?? "";
    $("#push-state").hidden = !text;
  };
  $("#push-on").onclick = async () => showPush(await webPush.enable());
  $("#push-off").onclick = async () => {
    try {
      await webPush.disable();
      showPush("off");
    } catch (error) {
      showProblem($("#push-state"), error);
    }
  };
  showPush(webPush.supported ? null : "unsupported");
  webPush.resume().then((state) => state && showPush(state));

  wired();

  const status = (s) => {
    $("#hub-status").textContent = t(s);
    $("#hub-status").dataset.state = s;
  };
  texts.onChange(() => {
    inbox.setTexts(inboxTexts());
    showPosition();
    if ($("#push-state").dataset.state) showPush($("#push-state").dataset.state);
    if ($("#hub-status").dataset.state) status($("#hub-status").dataset.state);
  });
  // Alerts missed while the phone was away come from the catch-up, after every (re)connect.
  const catchUp = async () => {
    const asked = inbox.mark();
    inbox.catchUp(await api.get("/api/subscribers/me/alerts"), asked);
  };
  await catchUp().catch(() => {});
  // After a failed connect the catch-up is the probe too: its 401 is a refused token, anything else a gateway down.
  hub = connectHub(
    session.token,
    { alert: inbox.receive, resync: catchUp },
    { onStatus: status, onUnauthorized: () => login.ask(t("signInEnded")), probe: catchUp },
  );
}
