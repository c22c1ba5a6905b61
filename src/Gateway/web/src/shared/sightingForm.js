// "I saw the child": a sighting for the chosen alert's case, at my position or a point tapped on
// the map. The id is chosen here, so a retry after a dropped connection is stored once.
import { formValues, h, showProblem } from "./dom.js";
import { newId } from "./api.js";

/** texts: { sent(status), needPoint }; caseId: the case when the form is for one case only (its public page). */
export function createSightingForm({ form, api, texts, getPoint, caseId: only = null }) {
  const problem = form.querySelector(".problem");
  const done = form.querySelector(".done");
  let caseId = only;
  let pendingId = null;

  form.onsubmit = async (event) => {
    event.preventDefault();
    problem.hidden = true;
    done.hidden = true;
    const point = getPoint();
    if (!point) {
      showProblem(problem, new Error(texts.needPoint));
      return;
    }
    const v = formValues(form);
    pendingId ??= newId();
    try {
      const sighting = await api.post(`/api/cases/${caseId}/sightings`, {
        id: pendingId,
        lat: point.lat,
        lon: point.lon,
        seenAt: new Date().toISOString(),
        description: v.description,
        reporterContact: v.reporterContact || undefined,
      });
      pendingId = null;
      form.reset();
      done.replaceChildren(h("span", {}, texts.sent(sighting.status)));
      done.hidden = false;
    } catch (error) {
      showProblem(problem, error);
    }
  };

  return {
    /** The case was cancelled: a form opened for it closes, and the child's name leaves it. */
    closeFor(cancelled) {
      if (only || caseId !== cancelled) return;
      caseId = null;
      pendingId = null;
      form.hidden = true;
      form.querySelector("[data-case]").textContent = "";
    },
    /** Whoever was typing here is gone (unsubscribed): the form closes, and what they typed goes. */
    clear() {
      caseId = only;
      pendingId = null;
      form.reset();
      problem.hidden = true;
      done.hidden = true;
      if (!only) {
        form.hidden = true;
        form.querySelector("[data-case]").textContent = "";
      }
    },
    open(alert) {
      caseId = alert.caseId;
      pendingId = null;
      form.hidden = false;
      form.querySelector("[data-case]").textContent = alert.child?.name ?? alert.headline;
      form.scrollIntoView({ behavior: "smooth" });
      form.elements.description.focus();
    },
  };
}
