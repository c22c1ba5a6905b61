// Builds elements from data without innerHTML, so names and descriptions typed by people
// (a child's name, a sighting) can never run as markup.
//
// The rule of the pages: everything people typed reaches the DOM as text. Elements are made with
// h() (text goes in as text nodes), never with innerHTML, insertAdjacentHTML or an HTML string;
// Leaflet tooltips, popups, divIcons and controls get nodes made here, never strings (Leaflet
// sets a string as HTML). A URL from data is used only when httpUrl() accepts it. The gateway's
// Content-Security-Policy (script-src 'self', no inline) is the second line, not the first.

/** h("button", { class: "x", onclick: f }, "text", child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) {
      // Handlers are functions of the page's own code; a string would be inline script.
      if (typeof value === "function") el.addEventListener(key.slice(2), value);
    } else if ((key === "src" || key === "href") && !httpUrl(value, location.href)) continue;
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

/**
 * The URL when it is an http(s) one (absolute, unless a base is given), else null: data never
 * becomes a javascript: or data: link.
 */
export function httpUrl(value, base) {
  try {
    const url = new URL(String(value), base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Text for a Leaflet tooltip, popup or control: a node, since Leaflet sets a string as HTML. */
export const text = (value, className) => h("span", { class: className }, value);

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
