// A case's public page (/c/{id}): rendered by the server (so link previews see it), in the
// language it chose (<html lang>); this script draws the zone, sends "I saw this child" as a
// pending tip, and reloads once the case is resolved so the child leaves the screen too.
import "../shared/pages.css";
import "../field/field.css";
import "./case.css";
import { createApi } from "../shared/api.js";
import { loadConfig } from "../shared/config.js";
import { $, pageReady, showProblem, wired } from "../shared/dom.js";
import { dateTime } from "../shared/format.js";
import { createMap } from "../shared/map.js";
import { createSightingForm } from "../shared/sightingForm.js";
import { textsFor } from "../public/texts.js";

// How often an open page asks whether the case is still active.
const recheckMs = 30_000;

const caseId = document.body.dataset.caseId;
const t = textsFor(document.documentElement.lang);
const api = createApi(() => null);
let point = null;

pageReady();
// The server wrote the time in UTC; the reader sees their own.
for (const el of document.querySelectorAll("time[datetime]")) el.textContent = dateTime(el.getAttribute("datetime"));

if (caseId && document.body.dataset.status === "active") {
  const map = await createMap($("#map"), await loadConfig());
  createSightingForm({
    form: $("#sighting-form"),
    api,
    caseId,
    texts: { sent: () => t("sent"), needPoint: t("needPoint") },
    getPoint: () => point,
  });
  const choose = (p) => {
    point = p;
    map.dot("sighting", p.lat, p.lon, { color: "#e67e22", fillColor: "#f5b041" });
  };
  map.onClick(choose);
  $("#locate").onclick = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => choose({ lat: p.coords.latitude, lon: p.coords.longitude }),
      (e) => showProblem($("#sighting-form .problem"), new Error(e.message)),
    );
  wired();
  await show(map);
  setInterval(() => show(map), recheckMs);
}

async function show(map) {
  let view;
  try {
    view = await api.get(`/api/public/cases/${encodeURIComponent(caseId)}`);
  } catch (error) {
    if (error.status === 404) location.reload();
    return; // offline: keep what is shown
  }
  if (view.status !== "active") return location.reload();
  const first = !map.has("zone");
  const zone = map.shape("zone", view.zone, { color: "#c0392b", weight: 2, fillOpacity: 0.15 }, view.child?.name);
  // At once rather than animated: the page opens on the zone, and the zoom animation left the
  // freshly drawn zone under a stale transform when the tab was in the background.
  if (first) map.leaflet.fitBounds(zone.getBounds(), { padding: [30, 30], maxZoom: 14, animate: false });
}
