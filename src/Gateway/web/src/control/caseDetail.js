// The selected case: who, the dispatch figures, the sightings queue, the timeline, and the
// escalate / resolve actions.
import { $, fill, formValues, h, showProblem } from "../shared/dom.js";
import { dateTime, latLon, ms, time } from "../shared/format.js";
import { casePhoto } from "./casePhoto.js";

export function createCaseDetail({ api, role, onChanged }) {
  const box = $("#detail");
  let current = null;

  async function show(c, stats) {
    current = c;
    if (!c) {
      box.hidden = true;
      return;
    }
    const timeline = c.status === "active" ? await api.get(`/api/cases/${c.id}/timeline`).catch(() => []) : [];
    if (current !== c) return;
    box.hidden = false;
    fill(
      box,
      h("h2", {}, c.child.name, " ", h("span", { class: `level ${c.level}` }, c.level), " ", h("span", { class: `status ${c.status}` }, c.outcome ?? c.status)),
      c.exercise ? h("p", { class: "exercise-mark", "data-exercise": "" }, "Exercise: alerts only subscribers and teams opted in to exercises") : null,
      h("p", {}, `${c.child.age}${c.child.sex ? `, ${c.child.sex}` : ""} · ${c.child.description}`),
      casePhoto({ api, c, onChanged }),
      h("p", { class: "muted" }, `Last seen ${latLon(c.lastSeen)} at ${dateTime(c.lastSeen.at)} · ${c.travelMode} · zone ${c.zone.radiusKm.toFixed(2)} km, ${c.zone.anchors.length} anchor(s) · v${c.version}`),
      figures(),
      c.status === "active" ? actions(c) : null,
      sightings(c),
      h("h3", {}, "Timeline"),
      h("ol", { class: "timeline", reversed: true }, [...timeline].reverse().map((e) => h("li", {}, h("time", {}, time(e.at)), ` ${e.kind} `, h("span", { class: "muted" }, `by ${e.actor}`, describe(e.data))))),
    );
    showStats(stats ?? { ...c.stats, caseId: c.id });
  }

  function figures() {
    const cell = (name, label) => h("div", {}, h("span", { class: "figure", "data-figure": name }, "–"), h("small", {}, label));
    return h("div", { class: "figures-grid" }, cell("alerted", "alerted"), cell("delivered", "delivered"), cell("acknowledged", "acknowledged"), cell("p50Ms", "p50"), cell("p99Ms", "p99"));
  }

  function showStats(s) {
    if (!current || s.caseId !== current.id) return;
    for (const el of box.querySelectorAll("[data-figure]")) {
      const value = s[el.dataset.figure];
      if (value === undefined) continue;
      el.textContent = el.dataset.figure.endsWith("Ms") ? ms(value) : String(value);
    }
  }

  function actions(c) {
    const problem = h("p", { class: "problem", hidden: true });
    const escalate =
      role === "supervisor" && c.level !== "public"
        ? h("button", { type: "button", onclick: () => act(() => api.post(`/api/cases/${c.id}/escalate`), problem) }, "Escalate to public")
        : null;
    const resolve = h(
      "form",
      {
        class: "row",
        onsubmit: (e) => {
          e.preventDefault();
          const { outcome, note } = formValues(e.target);
          act(() => api.post(`/api/cases/${c.id}/resolve`, { outcome, note: note || undefined }), problem);
        },
      },
      h("select", { name: "outcome", "aria-label": "outcome" }, h("option", { value: "found" }, "found"), h("option", { value: "cancelled" }, "cancelled")),
      h("input", { name: "note", placeholder: "note (optional)", maxlength: 2000 }),
      h("button", { type: "submit" }, "Resolve"),
    );
    return h("div", { class: "actions" }, escalate, resolve, problem);
  }

  async function act(call, problem) {
    try {
      onChanged(await call());
    } catch (error) {
      showProblem(problem, error);
    }
  }

  function sightings(c) {
    const order = { pending: 0, verified: 1, rejected: 2 };
    const list = [...c.sightings].sort((a, b) => order[a.status] - order[b.status] || b.reportedAt.localeCompare(a.reportedAt));
    const problem = h("p", { class: "problem", hidden: true });
    const review = (s, verdict) => act(async () => {
      await api.post(`/api/cases/${c.id}/sightings/${s.id}/${verdict}`);
      return api.get(`/api/cases/${c.id}`);
    }, problem);
    return h(
      "div",
      {},
      h("h3", {}, `Sightings (${list.filter((s) => s.status === "pending").length} to review)`),
      list.length === 0 ? h("p", { class: "muted" }, "None yet.") : null,
      h(
        "ul",
        { class: "sightings" },
        list.map((s) =>
          h(
            "li",
            { class: s.status, dataset: { sightingId: s.id } },
            h("span", { class: `status ${s.status}` }, s.status),
            ` ${time(s.seenAt)} · ${s.description} `,
            h("span", { class: "muted" }, `(${s.reporterRole}${s.reporterContact ? `, ${s.reporterContact}` : ""}) ${latLon(s)}`),
            s.status === "pending" && c.status === "active"
              ? h("span", { class: "row" }, h("button", { type: "button", onclick: () => review(s, "verify") }, "Verify"), h("button", { type: "button", class: "secondary", onclick: () => review(s, "reject") }, "Reject"))
              : null,
          ),
        ),
      ),
      problem,
    );
  }

  return { show, showStats };
}

function describe(data) {
  const entries = Object.entries(data ?? {});
  return entries.length ? ` · ${entries.map(([k, v]) => `${k} ${v}`).join(", ")}` : "";
}
