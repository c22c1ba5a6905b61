// "Open a case": the form, with the last-seen point picked on the map.
import { newId } from "../shared/api.js";
import { $, formValues, showProblem } from "../shared/dom.js";
import { nowLocalInput } from "../shared/format.js";
import { t } from "./texts.js";

export function createOpenCaseForm({ api, map, role, onOpened }) {
  const section = $("#open-case");
  const form = $("#open-form");
  const problem = form.querySelector(".problem");
  form.querySelector("[data-supervisor]").disabled = role !== "supervisor";

  map.onClick(({ lat, lon }) => {
    if (section.hidden) return;
    form.elements.lat.value = lat;
    form.elements.lon.value = lon;
    map.dot("pick", lat, lon, { color: "#1b2631", fillColor: "#f7dc6f" }, t("lastSeenPick"));
  });

  const hide = () => {
    section.hidden = true;
    map.remove("pick");
  };
  $("#cancel-open").onclick = hide;

  // One Idempotency-Key per request: sending the same form again (a timeout, a double click)
  // finds the case the first send opened; a changed form is a new request with a new key.
  let sent = { json: null, key: null };
  const keyFor = (body) => {
    const json = JSON.stringify(body);
    if (sent.json !== json) sent = { json, key: newId() };
    return sent.key;
  };

  form.onsubmit = async (event) => {
    event.preventDefault();
    problem.hidden = true;
    const v = formValues(form);
    const body = {
      child: { name: v.name, age: Number(v.age), sex: v.sex || undefined, description: v.description, photoUrl: v.photoUrl || undefined },
      lastSeen: { lat: Number(v.lat), lon: Number(v.lon), at: new Date(v.at).toISOString() },
      travelMode: v.travelMode,
      level: v.level,
      category: v.category,
      // A drill: marked everywhere, alerting only those opted in to exercises.
      exercise: form.elements.exercise.checked,
    };
    try {
      const opened = await api.post("/api/cases", body, { "Idempotency-Key": keyFor(body) });
      sent = { json: null, key: null };
      form.reset();
      hide();
      await onOpened(opened);
    } catch (error) {
      showProblem(problem, error);
    }
  };

  return {
    show() {
      section.hidden = false;
      if (!form.elements.at.value) form.elements.at.value = nowLocalInput();
      form.elements.namedItem("name").focus();
    },
  };
}
