// Going public: a supervisor asks with the family's consent (or the reason to publish without it),
// and a second supervisor approves or rejects. What people typed (names, reasons) reaches the DOM
// through h() as text, never as markup.
import { formValues, h } from "../shared/dom.js";
import { dateTime, nowLocalInput } from "../shared/format.js";
import { label, t } from "./texts.js";

/** One line saying what the request recorded about consent. */
export function consentText(e) {
  if (e.consent) return t("consentFrom", { method: label("method", e.consent.method), givenBy: e.consent.givenBy, at: dateTime(e.consent.givenAt) });
  if (e.reasonWithoutConsent) return t("withoutConsent", { reason: e.reasonWithoutConsent });
  return t("consentNotRecorded");
}

/**
 * The publication part of a case's detail: the request form for a supervisor, the request waiting
 * (approve / reject), or what became of the last one.
 */
export function escalationBlock({ api, c, me, act, problem }) {
  const e = c.escalation;
  if (e?.status === "pending") return pendingRequest({ api, c, me, act, problem });
  const last = e
    ? h("p", { class: "muted escalation" }, t("lastRequest", { status: label("escalation", e.status), by: e.decidedBy ?? e.requestedBy, consent: consentText(e) }), e.decisionReason ? ` · ${e.decisionReason}` : "")
    : null;
  if (c.level === "public" || me.role !== "supervisor") return last;

  const ask = (event) => {
    event.preventDefault();
    const v = formValues(event.target);
    // Nothing filled in is the one-click escalate a one-approver deployment accepts; else consent or a reason.
    const body = v.givenBy
      ? { consent: { givenBy: v.givenBy, method: v.method, givenAt: new Date(v.givenAt).toISOString() } }
      : v.reasonWithoutConsent
        ? { reasonWithoutConsent: v.reasonWithoutConsent }
        : {};
    act(async () => {
      await api.post(`/api/cases/${c.id}/escalate`, body);
      return api.get(`/api/cases/${c.id}`);
    }, problem);
  };
  return h(
    "div",
    {},
    last,
    h(
      "form",
      { class: "escalate", onsubmit: ask },
      h(
        "fieldset",
        {},
        h("legend", {}, t("familyConsent")),
        h("label", {}, t("givenBy"), " ", h("input", { name: "givenBy", maxlength: 200, placeholder: t("givenByHint") })),
        h(
          "div",
          { class: "row" },
          h("label", {}, t("how"), " ", h("select", { name: "method" }, ["in-person", "phone", "written"].map((m) => h("option", { value: m }, label("method", m))))),
          h("label", {}, t("when"), " ", h("input", { name: "givenAt", type: "datetime-local", value: nowLocalInput() })),
        ),
      ),
      h("label", {}, t("withoutConsentWhy"), " ", h("textarea", { name: "reasonWithoutConsent", rows: 2, maxlength: 2000 })),
      h("button", { type: "submit" }, t("escalateToPublic")),
    ),
  );
}

/** A request waiting for a second supervisor, with its approve / reject controls (the requester may only withdraw it). */
export function pendingRequest({ api, c, me, act, problem }) {
  const e = c.escalation;
  const own = e.requestedBy === me.username;
  const url = (verb) => `/api/cases/${c.id}/escalation/${verb}`;
  const reject = h(
    "form",
    {
      class: "row",
      onsubmit: (event) => {
        event.preventDefault();
        const { reason } = formValues(event.target);
        act(() => api.post(url("reject"), { reason }), problem);
      },
    },
    h("input", { name: "reason", required: true, maxlength: 2000, placeholder: t(own ? "whyWithdraw" : "whyReject"), "aria-label": t("reason") }),
    h("button", { type: "submit", class: "secondary" }, t(own ? "withdraw" : "reject")),
  );
  const controls =
    me.role !== "supervisor"
      ? h("p", { class: "muted" }, t("waitingForSupervisor"))
      : h(
          "div",
          { class: "row" },
          own
            ? h("span", { class: "muted" }, t("waitingForAnotherSupervisor"))
            : h("button", { type: "button", class: "approve", onclick: () => act(() => api.post(url("approve")), problem) }, t("approve")),
          reject,
        );
  return h(
    "div",
    { class: "approval", dataset: { caseId: c.id } },
    h("p", {}, h("strong", {}, c.child.name), t("toGoPublic", { by: e.requestedBy, at: dateTime(e.requestedAt) })),
    h("p", { class: "muted" }, consentText(e)),
    controls,
  );
}
