// Resolved cases for after-action review: found by part of the child's name (GET /api/cases?
// status=resolved&q=), each with its replay. A purged case has no name; it is listed by its dates.
import { fill, formValues, h, showProblem } from "../shared/dom.js";
import { dateTime } from "../shared/format.js";
import { replayTexts as texts } from "./replayTexts.js";

export function resolvedCases({ api, replay, box }) {
  const list = h("ul", { class: "cases resolved-cases" });
  const problem = h("p", { class: "problem", hidden: true });
  const form = h(
    "form",
    {
      class: "row",
      onsubmit: async (e) => {
        e.preventDefault();
        problem.hidden = true;
        const { q } = formValues(e.target);
        try {
          const found = await api.get(`/api/cases?status=resolved${q ? `&q=${encodeURIComponent(q)}` : ""}`);
          show(found);
        } catch (error) {
          showProblem(problem, error);
        }
      },
    },
    h("input", { name: "q", maxlength: 200, placeholder: texts.searchLabel, "aria-label": texts.searchLabel }),
    h("button", { type: "submit", class: "small" }, texts.search),
  );

  function show(found) {
    const sorted = [...found].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    fill(
      list,
      sorted.length === 0 ? h("li", { class: "muted" }, texts.noneFound) : null,
      sorted.map((c) =>
        h(
          "li",
          { dataset: { caseId: c.id } },
          h("strong", {}, c.childName ?? texts.noName),
          h("span", { class: "muted" }, ` ${dateTime(c.createdAt)} · ${c.detail ?? c.outcome ?? ""}`),
          h("button", { type: "button", class: "small replay-open", onclick: () => replay.open(c.id, c.childName ?? texts.noName) }, texts.open),
        ),
      ),
    );
  }

  fill(box, h("h2", {}, texts.resolvedHeading), form, problem, list);
  box.hidden = false;
}
