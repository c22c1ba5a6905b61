// Resolved cases for after-action review: found by part of the child's name (GET /api/cases?
// status=resolved&q=), each with its replay. A purged case has no name; it is listed by its dates.
// Its words are the control room's (./texts.js); redraw() says them again in a newly chosen language.
import { fill, formValues, h, showProblem } from "../shared/dom.js";
import { dateTime } from "../shared/format.js";
import { label, t } from "./texts.js";

export function resolvedCases({ api, replay, box }) {
  const heading = h("h2");
  const list = h("ul", { class: "cases resolved-cases" });
  const problem = h("p", { class: "problem", hidden: true });
  const query = h("input", { name: "q", maxlength: 200 });
  const find = h("button", { type: "submit", class: "small" });
  const form = h(
    "form",
    {
      class: "row",
      onsubmit: async (e) => {
        e.preventDefault();
        problem.hidden = true;
        const { q } = formValues(e.target);
        try {
          found = await api.get(`/api/cases?status=resolved${q ? `&q=${encodeURIComponent(q)}` : ""}`);
          show();
        } catch (error) {
          showProblem(problem, error);
        }
      },
    },
    query,
    find,
  );
  // The last search's cases, listed again on a change of language.
  let found = null;

  function show() {
    if (!found) return;
    const sorted = [...found].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    fill(
      list,
      sorted.length === 0 ? h("li", { class: "muted" }, t("noResolvedCases")) : null,
      sorted.map((c) => {
        const name = c.childName ?? t("personalDataErased");
        const how = c.detail ? label("detail", c.detail) : c.outcome ? label("outcome", c.outcome) : "";
        return h(
          "li",
          { dataset: { caseId: c.id } },
          h("strong", {}, name),
          h("span", { class: "muted" }, ` ${dateTime(c.createdAt)} · ${how}`),
          h("button", { type: "button", class: "small replay-open", onclick: () => replay.open(c.id, name) }, t("replay")),
        );
      }),
    );
  }

  function redraw() {
    fill(heading, t("resolvedHeading"));
    query.placeholder = t("resolvedSearch");
    query.setAttribute("aria-label", t("resolvedSearch"));
    fill(find, t("find"));
    show();
  }

  redraw();
  fill(box, heading, form, problem, list);
  box.hidden = false;
  return { redraw };
}
