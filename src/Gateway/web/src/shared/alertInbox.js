// The alerts a phone holds, one per case: `new`, then `update`s, then `cancel` (API.md), from the
// hub and from the catch-up after a (re)connect. Each is a card, and its zone is on the map.
// An alert is shown once per (case, version): the same version again (the hub's push and then
// the catch-up's copy, or a push repeated after a reconnect) neither replaces nor redraws the card.
// An alert kept from a Web Push (`partial`: headline and text, no zone or photo) is replaced by
// the full one of the same version when the page catches up.
import { fill, h, httpUrl } from "./dom.js";
import { km, time } from "./format.js";
import { rank } from "./offlineStore.js";

/** The inbox's words that every page takes from its own texts by the same keys (t: key → text). */
export function inboxWords(t) {
  return {
    inside: t("inside"),
    away: (d) => t("away", { distance: d }),
    acknowledge: t("acknowledge"),
    seen: t("seen"),
    report: t("report"),
    closed: t("closed"),
    empty: t("empty"),
    exercise: t("exercise"),
  };
}

// How long a closed case's card stays: long enough to be read, not so long that old closes
// bury what is live (and "no alerts near you" never comes back).
const closedCardFor = 24 * 60 * 60 * 1000;
// A close's time as this page counts it: never later than now (no time, or a clock set back since: now).
const notLaterThanNow = (at) => (at && Date.parse(at) <= Date.now() ? at : new Date().toISOString());
const showing = (alert) => alert.kind !== "cancel" || !(Date.now() - Date.parse(alert.closedAt) > closedCardFor);

/**
 * texts: { inside, away(distance), seen, acknowledge, report, closed, empty, exercise, appealPage?(caseId), openAppeal? }
 * An exercise's card (alert.exercise) carries texts.exercise as a visible mark above its headline.
 * With texts.appealPage, an active public alert's card links to its case's own page (/c/{id}).
 * onAcknowledge(alert), onReport(alert) are the card's buttons; onChange(alerts) is told what the
 * inbox holds after each change (the page keeps it for opening offline); onCancel(alert) when a
 * case's cancel is taken (the page lets go of what still names the child: a notification, a form).
 */
export function createAlertInbox({ list, map, texts: initialTexts, onAcknowledge, onReport, onChange = () => {}, onCancel = () => {} }) {
  let texts = initialTexts;
  const alerts = new Map();
  const acknowledged = new Set();
  // caseId → { key, el }: a card is rebuilt only when what it shows changed.
  const cards = new Map();
  let textsVersion = 0;
  // The case a tapped notification asked for, highlighted once its card is there.
  let focused = null;

  // caseId → when its alert was taken (a count): a catch-up cancels only what it could have listed.
  let taken = 0;
  const takenAt = new Map();

  function receive(given) {
    const held = alerts.get(given.caseId);
    // A clock set back while the page is open: the held close counts from now, not from later.
    if (held?.closedAt) held.closedAt = notLaterThanNow(held.closedAt);
    // A cancel names nobody and draws nothing, whatever a kept copy of it still holds; its card
    // shows for a day from when this page first took it (closedAt, kept with it).
    const closedAt = notLaterThanNow(given.closedAt ?? (held?.kind === "cancel" ? held.closedAt : undefined));
    const alert = given.kind === "cancel" ? { ...given, child: null, zone: null, closedAt } : given;
    // Older, or this rank again (a cancel ranks above its version's update): nothing changes —
    // but the full alert of a pushed (partial) one's very rank replaces it. Not of its version
    // only: a late full update must not bring back the case whose cancel came by Web Push.
    if (held && (rank(held) > rank(alert) || (rank(held) === rank(alert) && !(held.partial && !alert.partial)))) return;
    alerts.set(alert.caseId, alert);
    takenAt.set(alert.caseId, ++taken);
    if (alert.kind === "cancel" || !alert.zone) map.remove(`zone:${alert.caseId}`);
    else map.shape(`zone:${alert.caseId}`, alert.zone, { color: alert.level === "public" ? "#c0392b" : "#d68910", weight: 2, fillOpacity: 0.15 }, alert.child?.name ?? alert.headline);
    render();
    onChange([...alerts.values()]);
    if (alert.kind === "cancel") onCancel(alert);
  }

  /** Now, as catchUp's `asked` counts it: read before asking the server for its list. */
  const mark = () => taken;

  function catchUp(current, asked = Infinity) {
    // What the server no longer lists is over; what it lists is the zone as it stands. Not an
    // alert taken after the list was asked for: the hub can bring a case's `new` before the answer
    // that was made without it, and that case is not over.
    for (const [caseId, held] of alerts) {
      // The cancel it missed, made here: it names nobody (the held headline and text name the
      // child), and is `partial`, so the server's own cancel of that version still replaces it.
      if (held.kind !== "cancel" && takenAt.get(caseId) <= asked && !current.some((a) => a.caseId === caseId)) {
        receive({ ...held, kind: "cancel", version: held.version + 1, child: null, headline: null, text: null, zone: null, partial: true });
      }
    }
    for (const alert of current) receive(alert);
  }

  function card(alert) {
    const closed = alert.kind === "cancel";
    const ackKey = `${alert.caseId}:${alert.version}`;
    const child = alert.child;
    return h(
      "li",
      { class: `alert ${alert.kind}${alert.exercise ? " exercise" : ""}`, dataset: { caseId: alert.caseId, kind: alert.kind } },
      alert.exercise ? h("p", { class: "exercise-mark" }, texts.exercise ?? "EXERCISE") : null,
      // A photo only from an http(s) URL (never javascript: or data:), and no referrer sent with it;
      // the system's own copy has a URL relative to this gateway (/api/photos/…).
      child?.photoUrl && httpUrl(child.photoUrl, location.href) ? h("img", { src: httpUrl(child.photoUrl, location.href), alt: child.name, referrerpolicy: "no-referrer" }) : null,
      alert.headline ? h("h3", {}, alert.headline) : null,
      alert.text ? h("p", {}, alert.text) : null,
      // The text is the alert's long form, which carries the description when it fits whole.
      child ? h("p", {}, h("strong", {}, `${child.name}, ${child.age}`), alert.text?.includes(child.description) ? null : ` · ${child.description}`) : null,
      closed
        ? h("p", { class: "muted" }, texts.closed)
        : h(
            "p",
            {},
            typeof alert.distanceKm === "number" ? h("span", { class: "distance" }, alert.distanceKm <= 0 ? texts.inside : texts.away(km(alert.distanceKm))) : null,
            h("span", { class: "muted" }, `${typeof alert.distanceKm === "number" ? " · " : ""}${time(alert.issuedAt)}`),
          ),
      closed
        ? null
        : h(
            "div",
            { class: "row" },
            h("button", { type: "button", class: "ack", disabled: acknowledged.has(ackKey), onclick: () => acknowledge(alert, ackKey) }, acknowledged.has(ackKey) ? texts.seen : texts.acknowledge),
            h("button", { type: "button", class: "secondary report", onclick: () => onReport(alert) }, texts.report),
            alert.level === "public" && texts.appealPage ? h("a", { class: "appeal-link", href: texts.appealPage(alert.caseId) }, texts.openAppeal) : null,
          ),
    );
  }

  async function acknowledge(alert, key) {
    try {
      await onAcknowledge(alert);
    } catch {
      return; // offline or refused: the button stays, to be pressed again
    }
    acknowledged.add(key);
    render();
  }

  function render() {
    const sorted = [...alerts.values()].filter(showing).sort((a, b) => (a.kind === "cancel") - (b.kind === "cancel") || b.issuedAt.localeCompare(a.issuedAt));
    for (const id of cards.keys()) if (!alerts.has(id)) cards.delete(id);
    const els = sorted.map((alert) => {
      // A pushed (partial) card and the full one of its version differ: the photo, the child's line.
      const key = `${alert.version}:${alert.kind}:${alert.partial === true}:${acknowledged.has(`${alert.caseId}:${alert.version}`)}:${textsVersion}`;
      const held = cards.get(alert.caseId);
      if (held?.key === key) return held.el;
      const el = card(alert);
      cards.set(alert.caseId, { key, el });
      return el;
    });
    // Moves the kept cards into order without rebuilding them.
    if (els.length === 0) fill(list, h("li", { class: "muted" }, texts.empty));
    else if (els.length !== list.children.length || els.some((el, i) => list.children[i] !== el)) list.replaceChildren(...els);
    highlight();
  }

  function highlight() {
    const el = focused && cards.get(focused)?.el;
    if (!el) return;
    for (const other of list.querySelectorAll(".alert.highlight")) other.classList.remove("highlight");
    el.classList.add("highlight");
    el.scrollIntoView({ block: "center" });
    focused = null;
  }

  render();
  // A day-old closed card goes while the page stays open, too.
  setInterval(render, 60 * 60 * 1000);
  return {
    receive,
    setTexts(next) {
      texts = next;
      textsVersion++;
      render();
    },
    catchUp,
    mark,
    render,
    /** Scrolls to and highlights a case's card (now, or when it arrives). */
    focus(caseId) {
      focused = caseId;
      highlight();
    },
    active: () => [...alerts.values()].filter((a) => a.kind !== "cancel"),
    clear() {
      for (const id of alerts.keys()) map.remove(`zone:${id}`);
      alerts.clear();
      takenAt.clear();
      render();
    },
  };
}
