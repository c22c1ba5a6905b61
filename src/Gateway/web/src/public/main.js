// The public page (/public): subscribe with a place and a radius, see the alerts near me, report
// a sighting; in Macedonian, Albanian or English. The subscription lives in this browser only.
// Installable: it opens offline with the alerts it last showed, and once subscribed it offers
// alerts while closed (Web Push), asked for only when the person presses the button.
import "../shared/pages.css";
import "../field/field.css";
import { createApi } from "../shared/api.js";
import { createAlertInbox, inboxWords } from "../shared/alertInbox.js";
import { loadConfig } from "../shared/config.js";
import { $, formValues, pageReady, showProblem, wired } from "../shared/dom.js";
import { latLon } from "../shared/format.js";
import { connectHub } from "../shared/hub.js";
import { installApp, keepAlerts, keptAlerts } from "../shared/installedApp.js";
import { createMap } from "../shared/map.js";
import * as offlineStore from "../shared/offlineStore.js";
import { createSession } from "../shared/session.js";
import { createSightingForm } from "../shared/sightingForm.js";
import { createWebPush } from "../shared/webPush.js";
import { pickLanguage, textsFor, translate } from "./texts.js";

const subscription = createSession("ew.public", localStorage);
const api = createApi(() => subscription.get()?.token, () => {});
const webPush = createWebPush("public", api, () => subscription.get()?.token);
let language = pickLanguage(localStorage.getItem("ew.language"));
let t = textsFor(language);
let hub = null;
let chosen = null;
let sightingPoint = null;

pageReady();
$("#app").hidden = false;
const map = await createMap($("#map"), await loadConfig());
const inbox = createAlertInbox({
  list: $("#alerts"),
  map,
  texts: inboxTexts(),
  // Until the hub exists (the first catch-up still on its way) nothing is sent: the button stays.
  onAcknowledge: (a) => (hub ? hub.invoke("Acknowledge", a.caseId, a.version) : Promise.reject(new Error())),
  onReport: (a) => sightingForm.open(a),
  onChange: (alerts) => subscription.get() && keepAlerts("public", alerts),
  onCancel: (a) => {
    sightingForm.closeFor(a.caseId);
    offlineStore.closeNotifications("public", a.caseId);
  },
});
installApp("public", (caseId) => inbox.focus(caseId));
const sightingForm = createSightingForm({
  form: $("#sighting-form"),
  api,
  texts: {
    sent: () => t("sent"),
    get needPoint() {
      return t("needPoint");
    },
  },
  getPoint: () => sightingPoint ?? placeOf(subscription.get()),
});

$("#language").value = language;
$("#language").onchange = (e) => setLanguage(e.target.value);
setLanguage(language);

map.onClick((point) => {
  const sub = subscription.get();
  if (!sub) choose(point);
  else if (!$("#sighting-form").hidden) {
    sightingPoint = point;
    map.dot("sighting", point.lat, point.lon, { color: "#e67e22", fillColor: "#f5b041" });
  } else move(point);
});

$("#subscribe-form").elements.watchRadiusKm.oninput = () => chosen && choose(chosen);

$("#locate").onclick = () =>
  navigator.geolocation?.getCurrentPosition(
    (p) => choose({ lat: p.coords.latitude, lon: p.coords.longitude }, true),
    (e) => showProblem($("#subscribe-form .problem"), new Error(e.message)),
  );

$("#subscribe-form").onsubmit = async (event) => {
  event.preventDefault();
  const problem = $("#subscribe-form .problem");
  problem.hidden = true;
  if (!chosen) return showProblem(problem, new Error(t("choosePlace")));
  const watchRadiusKm = Number(formValues(event.target).watchRadiusKm);
  // Exercises (drills) only for those who ask for them; the default is real alerts alone.
  const exercises = event.target.elements.exercises.checked;
  try {
    const created = await api.post("/api/subscribers", { ...chosen, watchRadiusKm, language, exercises });
    subscription.save({ ...created, ...chosen, watchRadiusKm, language, exercises });
    await showSubscribed();
  } catch (error) {
    showProblem(problem, error);
  }
};

// Changeable after subscribing: the gateway matches by the new choice from now on.
$("#exercises").onchange = async (event) => {
  const exercises = event.target.checked;
  try {
    await api.put("/api/subscribers/me/exercises", { exercises });
    subscription.save({ ...subscription.get(), exercises });
  } catch (error) {
    event.target.checked = !exercises;
    showProblem($("#subscribed .problem"), error);
  }
};

$("#push-on").onclick = async () => showPush(await webPush.enable());
$("#push-off").onclick = async () => {
  try {
    await webPush.disable();
    showPush("off");
  } catch (error) {
    showProblem($("#push .problem"), error);
  }
};

$("#unsubscribe").onclick = async () => {
  try {
    await api.del("/api/subscribers/me");
  } catch (error) {
    // A subscription the server no longer knows is gone either way; one the server kept stays
    // whole, its pushes too.
    if (error.status !== 401 && error.status !== 404) return showProblem($("#subscribed .problem"), error);
  }
  // Erasing the subscription erased its push subscription on the gateway; the browser's goes too.
  await webPush.disable().catch(() => {});
  await hub?.stop();
  hub = null;
  subscription.clear();
  await offlineStore.forget("public").catch(() => {});
  inbox.clear();
  // Nothing of where this person watched, or what they typed about a child, is left on the page.
  for (const shape of ["me", "me-radius", "sighting"]) map.remove(shape);
  sightingPoint = null;
  sightingForm.clear();
  showSubscribe();
};

wired();
if (subscription.get()) await showSubscribed();
else showSubscribe();

function setLanguage(value) {
  language = value;
  localStorage.setItem("ew.language", value);
  document.documentElement.lang = value;
  t = textsFor(value);
  translate(document, t);
  inbox.setTexts(inboxTexts());
  showWatching();
  setStatus($("#hub-status").dataset.state);
  $("link[rel=manifest]").href = `/build/public-${value}.webmanifest`;
  if ($("#push-state").dataset.state) showPush($("#push-state").dataset.state);
}

function inboxTexts() {
  return {
    ...inboxWords(t),
    openAppeal: t("openAppeal"),
    appealPage: (caseId) => `/c/${encodeURIComponent(caseId)}?lang=${language}`,
  };
}

function showSubscribe() {
  $("#subscribe").hidden = false;
  $("#subscribed").hidden = true;
  $("#hub-status").hidden = true;
}

async function showSubscribed() {
  const sub = subscription.get();
  $("#subscribe").hidden = true;
  $("#subscribed").hidden = false;
  $("#hub-status").hidden = false;
  map.remove("choice");
  drawMe(sub);
  showWatching();
  $("#exercises").checked = sub.exercises === true;
  // What this page last showed, before the network answers (or when there is none).
  for (const alert of await keptAlerts("public")) inbox.receive(alert);
  showPush(webPush.supported ? null : "unsupported");
  webPush.resume().then((state) => state && showPush(state));
  const read = async () => {
    const asked = inbox.mark();
    inbox.catchUp(await api.get("/api/subscribers/me/alerts"), asked);
  };
  const catchUp = async () => {
    try {
      await read();
    } catch (error) {
      if (error.status === 401 || error.status === 404) forgetSubscription();
    }
  };
  // Alerts missed while the phone was away come from the catch-up, after every (re)connect; after a
  // failed connect it is the probe too (401: the subscription is refused, so it is asked again).
  await catchUp();
  hub = connectHub(() => subscription.get()?.token, { alert: inbox.receive, resync: catchUp }, { onStatus: setStatus, onUnauthorized: catchUp, probe: read });
}

function forgetSubscription() {
  subscription.clear();
  offlineStore.forget("public").finally(() => location.reload());
}

function choose(point, centre = false) {
  chosen = point;
  map.dot("choice", point.lat, point.lon, { color: "#1f618d", fillColor: "#5dade2" });
  const radius = Number($("#subscribe-form").elements.watchRadiusKm.value) || 10;
  map.circle("choice-radius", point.lat, point.lon, radius, { color: "#1f618d" });
  $("#place").textContent = latLon(point);
  if (centre) map.centreOn(point.lat, point.lon, 11);
}

async function move(point) {
  try {
    await api.put("/api/subscribers/me/location", point);
    const sub = { ...subscription.get(), ...point };
    subscription.save(sub);
    drawMe(sub);
    showWatching();
  } catch (error) {
    showProblem($("#subscribed .problem"), error);
  }
}

function drawMe(sub) {
  map.remove("choice-radius");
  map.dot("me", sub.lat, sub.lon, { color: "#1f618d", fillColor: "#5dade2" });
  map.circle("me-radius", sub.lat, sub.lon, sub.watchRadiusKm, { color: "#1f618d" });
}

function showWatching() {
  const sub = subscription.get();
  if (sub) $("#watching").textContent = t("watching", { radius: sub.watchRadiusKm, place: latLon(sub) });
}

function placeOf(sub) {
  return sub ? { lat: sub.lat, lon: sub.lon } : null;
}

function setStatus(state) {
  const el = $("#hub-status");
  if (!state) return;
  el.dataset.state = state;
  el.textContent = t(state);
}

// The push card: an explanation and a button, then what came of it, in the page's language.
function showPush(state) {
  const on = state === "on";
  $("#push-on").hidden = on || state === "unsupported";
  $("#push-off").hidden = !on;
  const el = $("#push-state");
  el.dataset.state = state ?? "";
  const key = { on: "pushOnDone", off: "pushOffDone", denied: "pushDenied", unsupported: "pushUnsupported", failed: "pushUnsupported" }[state];
  el.textContent = key ? t(key) : "";
  el.hidden = !key;
}
