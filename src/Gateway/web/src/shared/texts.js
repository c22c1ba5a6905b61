// A page's words from one resource file per language (texts/<language>.json, flat: key → text with
// {placeholders}). Keys starting with "_" are notes for translators (_needsReview lists the texts
// awaiting a native speaker). The public page and the staff pages each hold their own files.

/** tables: { mk: {...}, sq: {...}, en: {...} }; English is the fallback, so it must be one of them. */
export function textTables(tables) {
  const languages = Object.keys(tables);

  /** The stored choice when it is one of these languages, else the browser's, else Macedonian. */
  function pickLanguage(stored) {
    if (tables[stored]) return stored;
    // The primary subtag: "sq-MK" → "sq", "rom" stays "rom" (not Romanian's "ro").
    const browser = (navigator.language || "").split("-")[0].toLowerCase();
    return tables[browser] ? browser : "mk";
  }

  /** t("watching", { radius: 10 }) in the given language, English when a key is missing; t.has(key) says whether it is a key. */
  function textsFor(language) {
    const table = tables[language] ?? tables.en;
    const t = (key, vars = {}) => (table[key] ?? tables.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? "");
    t.has = (key) => key in tables.en;
    return t;
  }

  return { languages, pickLanguage, textsFor };
}

/**
 * Fills every [data-text] element under root with its text, and the attributes named by
 * data-text-placeholder, data-text-title, data-text-aria-label and data-text-label.
 */
export function translate(root, t) {
  for (const el of root.querySelectorAll("[data-text]")) el.textContent = t(el.dataset.text);
  for (const attribute of ["placeholder", "title", "aria-label", "label"]) {
    const data = `data-text-${attribute}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attribute, t(el.getAttribute(data)));
  }
}
