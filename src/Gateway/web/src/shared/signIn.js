// The sign-in form of the control room and the field page: a token for the right kind of account,
// kept in the page's session, then the page starts.
import { requestToken } from "./api.js";
import { $, formValues, showProblem } from "./dom.js";

/**
 * Signs in when needed, then calls start(). refuse(role) returns why this page is the wrong one
 * for that role, or null.
 */
export function signIn(session, refuse, start) {
  if (session.get()) {
    start();
    return;
  }
  $("#app").hidden = true;
  $("#login").hidden = false;
  const form = $("#login-form");
  form.onsubmit = async (event) => {
    event.preventDefault();
    const { username, password } = formValues(form);
    try {
      const token = await requestToken(username, password);
      const wrongPage = refuse(token.role);
      if (wrongPage) throw new Error(wrongPage);
      session.save(token);
      $("#login").hidden = true;
      start();
    } catch (error) {
      showProblem(form.querySelector(".problem"), error);
    }
  };
}

/** Forgets the token and shows the sign-in form again. */
export function signOut(session) {
  session.clear();
  location.reload();
}
