// The control room's and the field page's words: the page's resource files over the staff pages'
// shared ones (shared/texts: sign-in, connection), in the language each account chose. The choice
// is kept in this browser per account (localStorage "ew.staff.language.<username>"); an account
// that never chose speaks the browser's language, else Macedonian (as the public page does); the
// sign-in form speaks the last choice made in this browser. <html lang> follows the language.
import en from "./texts/en.json";
import mk from "./texts/mk.json";
import sq from "./texts/sq.json";
import { textTables, translate } from "./texts.js";

const shared = { mk, sq, en };
const lastChoice = "ew.staff.language";
const choiceOf = (username) => `${lastChoice}.${username}`;

/**
 * pageTables: { mk, sq, en } of the page. Returns t(key, vars), label(prefix, value) (a value's
 * words, the value itself when it has none, e.g. a kind added on the server later), and
 * signedIn(username) / onChange(render) for the page to call and to re-draw what it drew.
 */
export function createStaffTexts(pageTables) {
  const tables = Object.fromEntries(Object.entries(pageTables).map(([language, page]) => [language, { ...shared[language], ...page }]));
  const { pickLanguage, textsFor } = textTables(tables);
  const listeners = [];
  let current = null;
  let account = null;
  // A choice made on the sign-in form belongs to whoever signs in next.
  let choseSignedOut = false;

  const t = (key, vars) => current(key, vars);
  const label = (prefix, value) => (current.has(`${prefix}.${value}`) ? current(`${prefix}.${value}`) : value);

  function use(value) {
    const language = pickLanguage(value);
    current = textsFor(language);
    document.documentElement.lang = language;
    translate(document, t);
    for (const select of document.querySelectorAll("select[data-language]")) select.value = language;
    for (const render of listeners) render(language);
  }

  function choose(value) {
    use(value);
    const language = document.documentElement.lang;
    localStorage.setItem(lastChoice, language);
    if (account) localStorage.setItem(choiceOf(account), language);
    else choseSignedOut = true;
  }

  use(localStorage.getItem(lastChoice));
  for (const select of document.querySelectorAll("select[data-language]")) select.onchange = (e) => choose(e.target.value);

  return {
    t,
    label,
    /**
     * The account signed in speaks its own choice; one just made on the sign-in form becomes its
     * choice; an account that never chose speaks the browser's language (else Macedonian).
     */
    signedIn(username) {
      account = username ?? null;
      if (!account) return;
      if (choseSignedOut) {
        choseSignedOut = false;
        localStorage.setItem(choiceOf(account), document.documentElement.lang);
        return;
      }
      const own = localStorage.getItem(choiceOf(account));
      const language = pickLanguage(own);
      if (language !== document.documentElement.lang) use(language);
      if (own) localStorage.setItem(lastChoice, own);
    },
    /** render(language) runs after every later change of language: what the page drew, drawn again. */
    onChange(render) {
      listeners.push(render);
    },
  };
}
