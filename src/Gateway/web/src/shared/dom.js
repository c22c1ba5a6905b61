// Builds elements from data without innerHTML, so names and descriptions typed by people
// (a child's name, a sighting) can never run as markup.

/** h("button", { class: "x", onclick: f }, "text", child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** The form's fields as an object of trimmed strings. */
export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
}

/** Shows problem details next to a form: the title, then each field's messages. */
export function showProblem(box, error) {
  const fields = Object.entries(error.problem?.errors ?? {});
  fill(box, h("strong", {}, error.message), fields.length ? h("ul", {}, fields.map(([f, msgs]) => h("li", {}, `${f}: ${[].concat(msgs).join(" ")}`))) : null);
  box.hidden = false;
}

/** Enables the controls marked data-wired once their handlers are in place, so no click is lost. */
export function wired(root = document) {
  for (const el of root.querySelectorAll("[data-wired]")) el.disabled = false;
}

/** Removes the "scripts not built" notice once the bundle runs. */
export function pageReady() {
  document.getElementById("not-built")?.remove();
  document.body.classList.add("ready");
}
