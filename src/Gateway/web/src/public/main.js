// The public page (/public): subscribe with a place and a radius, see the alerts near me, report
// a sighting; in Macedonian, Albanian or English. The subscription lives in this browser only.
import "../shared/pages.css";
import "../field/field.css";
import { createApi } from "../shared/api.js";
import { createAlertInbox } from "../shared/alertInbox.js";
import { loadConfig } from "../shared/config.js";
import { $, formValues, pageReady, showProblem, wired } from "../shared/dom.js";
import { latLon } from "../shared/format.js";
import { connectHub } from "../shared/hub.js";
import { createMap } from "../shared/map.js";
import { createSession } from "../shared/session.js";
import { createSightingForm } from "../shared/sightingForm.js";
import { pickLanguage, textsFor, translate } from "./texts.js";

const subscription = createSession("ew.public", localStorage);
const api = createApi(() => subscription.get()?.token, () => {});
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
  onAcknowledge: (a) => hub?.invoke("Acknowledge", a.caseId, a.version),
  onReport: (a) => sightingForm.open(a),
});
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
  try {
    const created = await api.post("/api/subscribers", { ...chosen, watchRadiusKm, language });
    subscription.save({ ...created, ...chosen, watchRadiusKm, language });
    await showSubscribed();
  } catch (error) {
    showProblem(problem, error);
  }
};

$("#unsubscribe").onclick = async () => {
  try {
    await api.del("/api/subscribers/me");
  } catch (error) {
    // A subscription the server no longer knows is gone either way.
    if (error.status !== 401 && error.status !== 404) return showProblem($("#subscribed .problem"), error);
  }
  await hub?.stop();
  hub = null;
  subscription.clear();
  inbox.clear();
  map.remove("me");
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
}

function inboxTexts() {
  return {
    inside: t("inside"),
    away: (d) => t("away", { distance: d }),
    acknowledge: t("acknowledge"),
    seen: t("seen"),
    report: t("report"),
    closed: t("closed"),
    empty: t("empty"),
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
  const catchUp = async () => {
    try {
      inbox.catchUp(await api.get("/api/subscribers/me/alerts"));
    } catch (error) {
      if (error.status === 401 || error.status === 404) forgetSubscription();
    }
  };
  // Alerts missed while the phone was away come from the catch-up, after every (re)connect.
  await catchUp();
  hub = connectHub(() => subscription.get()?.token, { alert: inbox.receive, resync: catchUp }, { onStatus: setStatus, onUnauthorized: catchUp });
}

function forgetSubscription() {
  subscription.clear();
  location.reload();
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
