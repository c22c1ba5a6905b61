// The alerts a phone holds, one per case: `new`, then `update`s, then `cancel` (API.md), from the
// hub and from the catch-up after a (re)connect. Each is a card, and its zone is on the map.
import { fill, h } from "./dom.js";
import { km, time } from "./format.js";

/**
 * texts: { inside, away(distance), seen, acknowledge, report, closed, empty }
 * onAcknowledge(alert), onReport(alert) are the card's buttons.
 */
export function createAlertInbox({ list, map, texts: initialTexts, onAcknowledge, onReport }) {
  let texts = initialTexts;
  const alerts = new Map();
  const acknowledged = new Set();

  function receive(alert) {
    const held = alerts.get(alert.caseId);
    if (held && held.version > alert.version) return;
    alerts.set(alert.caseId, alert);
    if (alert.kind === "cancel") map.remove(`zone:${alert.caseId}`);
    else map.shape(`zone:${alert.caseId}`, alert.zone, { color: alert.level === "public" ? "#c0392b" : "#d68910", weight: 2, fillOpacity: 0.15 });
    render();
  }

  function catchUp(current) {
    // What the server no longer lists is over; what it lists is the zone as it stands.
    for (const [caseId, held] of alerts) {
      if (held.kind !== "cancel" && !current.some((a) => a.caseId === caseId)) receive({ ...held, kind: "cancel", version: held.version + 1, child: null });
    }
    for (const alert of current) receive(alert);
  }

  function card(alert) {
    const closed = alert.kind === "cancel";
    const ackKey = `${alert.caseId}:${alert.version}`;
    const child = alert.child;
    return h(
      "li",
      { class: `alert ${alert.kind}`, dataset: { caseId: alert.caseId, kind: alert.kind } },
      child?.photoUrl ? h("img", { src: child.photoUrl, alt: child.name }) : null,
      h("h3", {}, alert.headline),
      h("p", {}, alert.text),
      child ? h("p", {}, h("strong", {}, `${child.name}, ${child.age}`), ` · ${child.description}`) : null,
      closed
        ? h("p", { class: "muted" }, texts.closed)
        : h("p", {}, h("span", { class: "distance" }, alert.distanceKm <= 0 ? texts.inside : texts.away(km(alert.distanceKm))), h("span", { class: "muted" }, ` · ${time(alert.issuedAt)}`)),
      closed
        ? null
        : h(
            "div",
            { class: "row" },
            h("button", { type: "button", class: "ack", disabled: acknowledged.has(ackKey), onclick: () => acknowledge(alert, ackKey) }, acknowledged.has(ackKey) ? texts.seen : texts.acknowledge),
            h("button", { type: "button", class: "secondary report", onclick: () => onReport(alert) }, texts.report),
          ),
    );
  }

  async function acknowledge(alert, key) {
    await onAcknowledge(alert);
    acknowledged.add(key);
    render();
  }

  function render() {
    const sorted = [...alerts.values()].sort((a, b) => (a.kind === "cancel") - (b.kind === "cancel") || b.issuedAt.localeCompare(a.issuedAt));
    fill(list, sorted.length ? sorted.map(card) : h("li", { class: "muted" }, texts.empty));
  }

  render();
  return {
    receive,
    setTexts(next) {
      texts = next;
      render();
    },
    catchUp,
    render,
    active: () => [...alerts.values()].filter((a) => a.kind !== "cancel"),
    clear() {
      for (const id of alerts.keys()) map.remove(`zone:${id}`);
      alerts.clear();
      render();
    },
  };
}
