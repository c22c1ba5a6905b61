// The selected case: who, the dispatch figures, the sightings queue, the timeline, and the
// edit, escalate (with consent and a second approver) / resolve (with detail and referral) actions.
import { $, fill, formValues, h, showProblem } from "../shared/dom.js";
import { dateTime, latLon, ms, nowLocalInput, time } from "../shared/format.js";
import { escalationBlock } from "./escalation.js";
import { tipForm } from "./tipForm.js";
import { casePhoto } from "./casePhoto.js";
import { caseEdit } from "./caseEdit.js";
import { label, t } from "./texts.js";

const details = {
  found: ["found-safe", "found-harmed", "found-deceased", "returned-home", "located-abroad"],
  cancelled: ["withdrawn", "false-report"],
};

export function createCaseDetail({ api, me, replay, onChanged }) {
  const box = $("#detail");
  let current = null;
  let shownStats = null;

  async function show(c, stats) {
    current = c;
    shownStats = stats;
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
        h("span", { class: `level ${c.level}` }, label("level", c.level)),
        " ",
        h("span", { class: `status ${c.status}` }, c.detail ? label("detail", c.detail) : c.outcome ? label("outcome", c.outcome) : label("status", c.status)),
        " ",
        h("span", { class: "category" }, label("category", c.category ?? "unspecified")),
        " ",
        h("button", { type: "button", class: "small replay-open", onclick: () => replay.open(c.id, c.child.name ?? t("personalDataErased")) }, t("replay")),
      ),
      c.exercise ? h("p", { class: "exercise-mark", "data-exercise": "" }, t("exerciseNote")) : null,
      h("p", {}, `${c.child.age}${c.child.sex ? `, ${label("sex", c.child.sex)}` : ""} · ${c.child.description}`),
      casePhoto({ api, c, onChanged }),
      h(
        "p",
        { class: "muted" },
        t("lastSeenLine", {
          place: latLon(c.lastSeen),
          time: dateTime(c.lastSeen.at),
          travelMode: label("travelMode", c.travelMode),
          radiusKm: c.zone.radiusKm.toFixed(2),
          anchors: c.zone.anchors.length,
          version: c.version,
        }),
      ),
      figures(),
      c.referral
        ? h("p", { class: "referral" }, t("referredTo", { body: c.referral.receivingBody, mechanism: label("mechanism", c.referral.mechanism), by: c.referral.referredBy, at: dateTime(c.referral.referredAt) }))
        : null,
      c.status === "active" ? actions(c) : null,
      sightings(c),
      h("h3", {}, t("timeline")),
      h("ol", { class: "timeline", reversed: true }, [...timeline].reverse().map((e) => h("li", {}, h("time", {}, time(e.at)), ` ${label("kind", e.kind)} `, h("span", { class: "muted" }, t("by", { actor: e.actor }), describe(e.data))))),
    );
    showStats(stats ?? { ...c.stats, caseId: c.id });
  }

  function figures() {
    const cell = (name) => h("div", {}, h("span", { class: "figure", "data-figure": name }, "–"), h("small", {}, t(`figure.${name}`)));
    return h("div", { class: "figures-grid" }, ["alerted", "delivered", "acknowledged", "p50Ms", "p99Ms"].map(cell));
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
        h("select", { name: "outcome", "aria-label": t("outcome") }, ["found", "cancelled"].map((o) => h("option", { value: o }, label("outcome", o)))),
        h(
          "select",
          { name: "detail", "aria-label": t("detail") },
          h("option", { value: "" }, t("detailChoose")),
          Object.entries(details).map(([outcome, list]) => h("optgroup", { label: label("outcome", outcome) }, list.map((d) => h("option", { value: d }, label("detail", d))))),
        ),
        h("input", { name: "note", placeholder: t("noteOptional"), maxlength: 2000 }),
      ),
      h(
        "details",
        { class: "referral-form", open: c.category === "suspected-trafficking" },
        h("summary", {}, t("referral")),
        h(
          "div",
          { class: "row" },
          h(
            "select",
            { name: "mechanism", "aria-label": t("referralMechanism") },
            ["national-referral-mechanism", "social-services", "other"].map((m) => h("option", { value: m }, label("mechanism", m))),
          ),
          h("input", { name: "receivingBody", placeholder: t("receivingBody"), maxlength: 200, "aria-label": t("receivingBody") }),
          h("input", { name: "referredAt", type: "datetime-local", value: nowLocalInput(), "aria-label": t("referredAt") }),
        ),
      ),
      h("button", { type: "submit" }, t("resolve")),
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
        h("input", { name: "reason", placeholder: t("whyOptional"), maxlength: 2000, "aria-label": t("reason") }),
        others.length
          ? h("select", { name: "duplicateOf", "aria-label": t("duplicateOf") }, h("option", { value: "" }, t("notDuplicate")), others.map((o) => h("option", { value: o.id }, t("duplicateOfSighting", { time: time(o.seenAt), description: o.description.slice(0, 30) }))))
          : null,
        h("button", { type: "button", onclick: () => review(s, "verify", row) }, t("verify")),
        h("button", { type: "button", class: "secondary", onclick: () => review(s, "reject", row) }, t("reject")),
      );
      return row;
    };
    return h(
      "div",
      {},
      h("h3", {}, t("sightings", { count: list.filter((s) => s.status === "pending").length })),
      list.length === 0 ? h("p", { class: "muted" }, t("noneYet")) : null,
      h(
        "ul",
        { class: "sightings" },
        list.map((s) =>
          h(
            "li",
            { class: s.status, dataset: { sightingId: s.id } },
            h("span", { class: `status ${s.status}` }, label("sighting", s.status)),
            ` ${time(s.seenAt)} · ${s.description} `,
            h("span", { class: "muted" }, `(${s.channel ? `${label("channel", s.channel)}, ` : ""}${label("role", s.reporterRole)}${s.reporterContact ? `, ${s.reporterContact}` : ""}) ${latLon(s)}`),
            s.review
              ? h("span", { class: "muted review" }, ` · ${t("reviewedBy", { status: label("sighting", s.status), by: s.review.by })}${s.review.reason ? `: ${s.review.reason}` : ""}${s.review.duplicateOf ? ` (${t("duplicateOfId", { id: s.review.duplicateOf })})` : ""}`)
              : null,
            s.status === "pending" && c.status === "active" ? triage(s) : null,
          ),
        ),
      ),
      problem,
    );
  }

  /** Shows the case shown again (in the language just chosen). */
  const refresh = () => show(current, shownStats);

  return { show, showStats, refresh };
}

function describe(data) {
  const entries = Object.entries(data ?? {});
  return entries.length ? ` · ${entries.map(([k, v]) => `${k} ${v}`).join(", ")}` : "";
}
