// "Edit case": corrects the child (name, age, sex, description), the travel mode or the category of
// an open case. Only the fields changed are sent; the gateway pushes a change the public sees to
// those already alerted as an update (a category stays internal). The option lists are the open
// form's own, so the two never disagree.
import { $, formValues, h } from "../shared/dom.js";
import { t } from "./texts.js";

function optionsOf(name, selected) {
  const source = $(`#open-form select[name=${name}]`);
  return [...(source?.options ?? [])].map((o) => h("option", { value: o.value, selected: o.value === selected }, o.textContent));
}

export function caseEdit({ api, c, act, problem }) {
  const submit = (event) => {
    event.preventDefault();
    const v = formValues(event.target);
    const child = {};
    if (v.name !== c.child.name) child.name = v.name;
    if (Number(v.age) !== c.child.age) child.age = Number(v.age);
    if (v.sex && v.sex !== (c.child.sex ?? "")) child.sex = v.sex;
    if (v.description !== c.child.description) child.description = v.description;
    const body = {
      child: Object.keys(child).length ? child : undefined,
      travelMode: v.travelMode !== c.travelMode ? v.travelMode : undefined,
      category: v.category !== (c.category ?? "unspecified") ? v.category : undefined,
    };
    act(() => api.patch(`/api/cases/${c.id}`, body), problem);
  };
  return h(
    "details",
    { class: "edit-form" },
    h("summary", {}, t("editCase")),
    h(
      "form",
      { onsubmit: submit },
      h(
        "div",
        { class: "row" },
        h("label", {}, t("name"), " ", h("input", { name: "name", required: true, maxlength: 200, value: c.child.name })),
        h("label", {}, t("age"), " ", h("input", { name: "age", type: "number", min: 0, max: 17, required: true, value: c.child.age })),
        h("label", {}, t("sex"), " ", h("input", { name: "sex", maxlength: 20, value: c.child.sex ?? "" })),
      ),
      h("label", {}, t("description"), " ", h("textarea", { name: "description", rows: 2, required: true, maxlength: 2000 }, c.child.description)),
      h(
        "div",
        { class: "row" },
        h("label", {}, t("travelMode"), " ", h("select", { name: "travelMode" }, optionsOf("travelMode", c.travelMode))),
        h("label", {}, t("category"), " ", h("select", { name: "category" }, optionsOf("category", c.category ?? "unspecified"))),
      ),
      h("button", { type: "submit" }, t("saveChanges")),
    ),
  );
}
