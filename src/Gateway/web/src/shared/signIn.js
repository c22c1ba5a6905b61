// The sign-in form of the control room and the field page: a token for the right kind of account,
// kept in the page's session, then the page starts. A staff token ends (`expiresAt`): shortly
// before, a notice asks to sign in again; at the end, or when the API or the hub refuses the
// token (401), the sign-in form comes back over the page instead of the page failing quietly.
// Signing in again as the same account carries on where the page was; another account reloads.
import { requestToken } from "./api.js";
import { $, fill, formValues, h, showProblem } from "./dom.js";
import { time } from "./format.js";

/** Ten minutes before the end, or half the token's life when that is shorter. */
const noticeLeadMs = (expiresAt) => Math.min(10 * 60000, Math.max(0, (new Date(expiresAt) - Date.now()) / 2));

/**
 * refuse(role) returns why this page is the wrong one for that role, or null. start() runs once,
 * after the first sign-in; onSignedInAgain() after each later one (resume the hub, reload state).
 * t(key, vars) gives the page's words (shared/texts). Returns { ask(reason) } to bring the
 * sign-in form back.
 */
export function signIn(session, refuse, start, onSignedInAgain = () => {}, t) {
  const form = $("#login-form");
  const reason = $("#login-reason");
  const notice = $("#session-notice");
  let started = false;
  let timers = [];

  function ask(why) {
    clear();
    if (notice) notice.hidden = true;
    // The hub is closed at the token's end too, and its refusal may beat the page's own timer:
    // near or past expiresAt, either way the sign-in has expired.
    const last = session.last();
    if (why && last?.expiresAt && new Date(last.expiresAt) - Date.now() < 30000) why = t("signInExpired");
    if (reason) {
      reason.textContent = why ?? "";
      reason.hidden = !why;
    }
    // Asked again while the form is up (at the token's end the page's timer, the hub's refusal and
    // a refused request each ask): keep what the user has typed, or the password they were typing
    // is wiped and their submit stops at the empty required field.
    const login = $("#login");
    if (!login.hidden) return;
    $("#app").hidden = true;
    login.hidden = false;
    if (last?.username) form.elements.username.value = last.username;
    form.elements.password.value = "";
  }

  function watch(token) {
    clear();
    const end = new Date(token.expiresAt) - Date.now();
    if (!Number.isFinite(end)) return;
    if (notice) {
      timers.push(
        setTimeout(() => {
          fill(notice, t("signInEndsAt", { time: time(token.expiresAt) }), h("button", { type: "button", class: "small", onclick: () => ask(t("signInAgainToCarryOn")) }, t("signInAgain")));
          notice.hidden = false;
        }, end - noticeLeadMs(token.expiresAt)),
      );
    }
    timers.push(setTimeout(() => ask(t("signInExpired")), end));
  }

  function clear() {
    for (const t of timers) clearTimeout(t);
    timers = [];
  }

  function show() {
    $("#login").hidden = true;
    $("#app").hidden = false;
    if (notice) notice.hidden = true;
  }

  form.onsubmit = async (event) => {
    event.preventDefault();
    form.querySelector(".problem").hidden = true;
    const { username, password } = formValues(form);
    try {
      const token = await requestToken(username, password);
      const wrongPage = refuse(token.role);
      if (wrongPage) throw new Error(wrongPage);
      const before = session.get() ?? session.last();
      session.save({ ...token, username });
      if (started && before?.username !== username) return location.reload();
      show();
      watch(token);
      if (started) onSignedInAgain();
      else {
        started = true;
        start();
      }
    } catch (error) {
      showProblem(form.querySelector(".problem"), error);
    }
  };

  const current = session.get();
  if (current) {
    show();
    watch(current);
    started = true;
    start();
  } else ask(null);
  return { ask };
}

/** Forgets the token and shows the sign-in form again. */
export function signOut(session) {
  session.clear();
  location.reload();
}
