// The selected case: who, the dispatch figures, the sightings queue, the timeline, and the
// edit, escalate (with consent and a second approver) / resolve (with detail and referral) actions.
import { $, fill, formValues, h, showProblem } from "../shared/dom.js";
import { dateTime, latLon, ms, nowLocalInput, time } from "../shared/format.js";
import { escalationBlock } from "./escalation.js";
import { tipForm } from "./tipForm.js";
import { casePhoto } from "./casePhoto.js";
import { caseEdit } from "./caseEdit.js";
import { replayTexts } from "./replayTexts.js";

const details = {
  found: ["found-safe", "found-harmed", "found-deceased", "returned-home", "located-abroad"],
  cancelled: ["withdrawn", "false-report"],
};

export function createCaseDetail({ api, me, replay, onChanged }) {
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
      h(
        "h2",
        {},
        c.child.name,
        " ",
        h("span", { class: `level ${c.level}` }, c.level),
        " ",
        h("span", { class: `status ${c.status}` }, c.detail ?? c.outcome ?? c.status),
        " ",
        h("span", { class: "category" }, c.category ?? "unspecified"),
        " ",
        h("button", { type: "button", class: "small replay-open", onclick: () => replay.open(c.id, c.child.name ?? replayTexts.noName) }, replayTexts.open),
      ),
      c.exercise ? h("p", { class: "exercise-mark", "data-exercise": "" }, "Exercise: alerts only subscribers and teams opted in to exercises") : null,
      h("p", {}, `${c.child.age}${c.child.sex ? `, ${c.child.sex}` : ""} · ${c.child.description}`),
      casePhoto({ api, c, onChanged }),
      h("p", { class: "muted" }, `Last seen ${latLon(c.lastSeen)} at ${dateTime(c.lastSeen.at)} · ${c.travelMode} · zone ${c.zone.radiusKm.toFixed(2)} km, ${c.zone.anchors.length} anchor(s) · v${c.version}`),
      figures(),
      c.referral
        ? h("p", { class: "referral" }, `Referred to ${c.referral.receivingBody} (${c.referral.mechanism}) by ${c.referral.referredBy}, ${dateTime(c.referral.referredAt)}`)
        : null,
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
    const resolve = h(
      "form",
      {
        class: "resolve",
        onsubmit: (e) => {
          e.preventDefault();
          const v = formValues(e.target);
          // A referral is sent when its receiving body is named; the gateway says which field is missing.
          const referral = v.receivingBody
            ? { mechanism: v.mechanism, receivingBody: v.receivingBody, referredAt: new Date(v.referredAt).toISOString() }
            : undefined;
          act(() => api.post(`/api/cases/${c.id}/resolve`, { outcome: v.outcome, detail: v.detail || undefined, note: v.note || undefined, referral }), problem);
        },
      },
      h(
        "div",
        { class: "row" },
        h("select", { name: "outcome", "aria-label": "outcome" }, h("option", { value: "found" }, "found"), h("option", { value: "cancelled" }, "cancelled")),
        h(
          "select",
          { name: "detail", "aria-label": "detail" },
          h("option", { value: "" }, "detail…"),
          Object.entries(details).map(([outcome, list]) => h("optgroup", { label: outcome }, list.map((d) => h("option", { value: d }, d)))),
        ),
        h("input", { name: "note", placeholder: "note (optional)", maxlength: 2000 }),
      ),
      h(
        "details",
        { class: "referral-form", open: c.category === "suspected-trafficking" },
        h("summary", {}, "Referral (trafficking or exploitation indicated)"),
        h(
          "div",
          { class: "row" },
          h(
            "select",
            { name: "mechanism", "aria-label": "referral mechanism" },
            ["national-referral-mechanism", "social-services", "other"].map((m) => h("option", { value: m }, m)),
          ),
          h("input", { name: "receivingBody", placeholder: "receiving body", maxlength: 200, "aria-label": "receiving body" }),
          h("input", { name: "referredAt", type: "datetime-local", value: nowLocalInput(), "aria-label": "referred at" }),
        ),
      ),
      h("button", { type: "submit" }, "Resolve"),
    );
    return h("div", { class: "actions" }, caseEdit({ api, c, act, problem }), escalationBlock({ api, c, me, act, problem }), tipForm({ api, c, act, problem }), resolve, problem);
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
    // The row's reason (and, for a duplicate, the earlier sighting) go with the verdict: who and why are kept.
    const review = (s, verdict, row) => act(async () => {
      const v = formValues(row);
      await api.post(`/api/cases/${c.id}/sightings/${s.id}/${verdict}`, {
        reason: v.reason || undefined,
        duplicateOf: verdict === "reject" && v.duplicateOf ? v.duplicateOf : undefined,
      });
      return api.get(`/api/cases/${c.id}`);
    }, problem);
    const triage = (s) => {
      const others = list.filter((o) => o.id !== s.id && o.status !== "rejected");
      const row = h(
        "form",
        { class: "row", onsubmit: (e) => e.preventDefault() },
        h("input", { name: "reason", placeholder: "why (optional)", maxlength: 2000, "aria-label": "reason" }),
        others.length
          ? h("select", { name: "duplicateOf", "aria-label": "duplicate of" }, h("option", { value: "" }, "not a duplicate"), others.map((o) => h("option", { value: o.id }, `duplicate of ${time(o.seenAt)} ${o.description.slice(0, 30)}`)))
          : null,
        h("button", { type: "button", onclick: () => review(s, "verify", row) }, "Verify"),
        h("button", { type: "button", class: "secondary", onclick: () => review(s, "reject", row) }, "Reject"),
      );
      return row;
    };
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
            h("span", { class: "muted" }, `(${s.channel ? `${s.channel}, ` : ""}${s.reporterRole}${s.reporterContact ? `, ${s.reporterContact}` : ""}) ${latLon(s)}`),
            s.review
              ? h("span", { class: "muted review" }, ` · ${s.status} by ${s.review.by}${s.review.reason ? `: ${s.review.reason}` : ""}${s.review.duplicateOf ? ` (duplicate of ${s.review.duplicateOf})` : ""}`)
              : null,
            s.status === "pending" && c.status === "active" ? triage(s) : null,
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
