// The public page's words, from one resource file per language (texts/*.json). Alerts themselves
// arrive already worded by the server in the language chosen at subscription. Keys starting with
// "_" are notes for translators (rom.json's _needsReview lists texts awaiting a native speaker).
import en from "./texts/en.json";
import mk from "./texts/mk.json";
import rom from "./texts/rom.json";
import sq from "./texts/sq.json";

const all = { mk, sq, en, rom };
export const languages = Object.keys(all);

export function pickLanguage(stored) {
  if (all[stored]) return stored;
  // The primary subtag: "sq-MK" → "sq", "rom" stays "rom" (not Romanian's "ro").
  const browser = (navigator.language || "").split("-")[0].toLowerCase();
  return all[browser] ? browser : "mk";
}

/** t("watching", { radius: 10 }) in the given language, English when a key is missing. */
export function textsFor(language) {
  const table = all[language] ?? en;
  return (key, vars = {}) => (table[key] ?? en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? "");
}

/** Fills every [data-text] element under root. */
export function translate(root, t) {
  for (const el of root.querySelectorAll("[data-text]")) el.textContent = t(el.dataset.text);
}
