// The replay on the control-room map: a case from its opening to its resolve (or now) — the zone
// as it stood at each instant, sightings as they came in and were decided, the dispatch figures —
// played at 1× to 60× or scrubbed by hand. Everything comes from GET /api/cases/{id}/replay; the
// zone is not grown here: the server gives frames between which every radius grows linearly, so
// interpolating two frames with the same anchors is exact (Domain/Cases/ZoneReplay). Its words are
// the control room's (./texts.js); redraw() says them again in a newly chosen language.
import { fill, h } from "../shared/dom.js";
import { dateTimeSeconds, time } from "../shared/format.js";
import { label, t } from "./texts.js";

const speeds = [1, 5, 10, 30, 60];
const colours = { verified: "#c0392b", pending: "#e67e22", rejected: "#95a5a6" };
const zoneStyle = { color: "#6c3483", weight: 2, dashArray: "6 4", fillColor: "#a569bd", fillOpacity: 0.18 };

export function createReplay({ api, map }) {
  let current = null;

  /** Opens the replay of a case (closing any other), paused at its start. */
  async function open(caseId, title) {
    close();
    const view = panelFor(title);
    const removePanel = map.panel(view.root);
    current = { caseId, view, removePanel, playing: false, speed: 1, t: 0, shown: new Map(), circles: [], failed: false };
    const mine = current;
    let data;
    try {
      data = prepare(await api.get(`/api/cases/${caseId}/replay`));
    } catch {
      if (current === mine) {
        mine.failed = true;
        fill(view.status, t("replayLoadFailed"));
      }
      return;
    }
    if (current !== mine) return;
    mine.data = data;
    view.scrubber.max = String(data.to - data.from);
    view.scrubber.disabled = false;
    view.play.disabled = false;
    map.leaflet.getContainer().classList.add("replaying");
    // Framed on the zone as it ends (the largest it got), then back to the start.
    render(mine, data.to);
    map.focus(mine.circles.map((_, i) => `replayzone:${i}`));
    render(mine, data.from);
  }

  function close() {
    if (!current) return;
    current.playing = false;
    current.removePanel();
    map.removeWhere((id) => id.startsWith("replayzone:") || id.startsWith("replaysighting:"));
    map.leaflet.getContainer().classList.remove("replaying");
    current = null;
  }

  function panelFor(title) {
    const play = h("button", { type: "button", class: "small", disabled: true, onclick: () => toggle() });
    const speed = h(
      "select",
      { onchange: (e) => current && (current.speed = Number(e.target.value)) },
      speeds.map((s) => h("option", { value: s }, `${s}×`)),
    );
    const scrubber = h("input", {
      type: "range", min: 0, max: 0, step: 1000, value: 0, disabled: true,
      oninput: (e) => current?.data && render(current, current.data.from + Number(e.target.value)),
    });
    const heading = h("span");
    const closeButton = h("button", { type: "button", class: "link", onclick: close }, "×");
    const speedLabel = h("span");
    const clock = h("output", { class: "replay-clock" });
    const figures = h("div", { class: "replay-figures" });
    const latest = h("div", { class: "replay-latest muted" });
    const status = h("div", { class: "replay-status muted" });
    const root = h(
      "section",
      { id: "replay", class: "replay-panel leaflet-bar", dataset: { state: "loading" } },
      h("header", {}, h("strong", {}, heading, " · ", title), closeButton),
      h("div", { class: "row" }, play, h("label", {}, speedLabel, " ", speed)),
      scrubber,
      clock,
      figures,
      latest,
      status,
    );
    /** The panel's own words (what render() draws aside), said again on a change of language. */
    const say = () => {
      fill(heading, t("replay"));
      closeButton.title = t("replayClose");
      closeButton.setAttribute("aria-label", t("replayClose"));
      fill(speedLabel, t("replaySpeed"));
      speed.setAttribute("aria-label", t("replaySpeed"));
      scrubber.setAttribute("aria-label", t("replayClock"));
    };
    say();
    fill(play, t("replayPlay"));
    fill(status, t("replayLoading"));
    return { root, play, speed, scrubber, clock, figures, latest, status, say };
  }

  /** The open replay in the language now chosen: its words, the figures and the sightings' marks. */
  function redraw() {
    const r = current;
    if (!r) return;
    r.view.say();
    if (!r.data) {
      fill(r.view.status, t(r.failed ? "replayLoadFailed" : "replayLoading"));
      return;
    }
    // Each sighting's mark carries words: drawn anew, not kept as it stood.
    for (const id of r.shown.keys()) map.remove(`replaysighting:${id}`);
    r.shown.clear();
    render(r, r.t);
  }

  function toggle() {
    const r = current;
    if (!r?.data) return;
    if (r.playing) {
      r.playing = false;
      render(r, r.t);
      return;
    }
    // Played to the end: the next play starts over.
    if (r.t >= r.data.to) render(r, r.data.from);
    r.playing = true;
    let last = performance.now();
    const step = (now) => {
      if (current !== r || !r.playing) return;
      const when = Math.min(r.data.to, r.t + (now - last) * r.speed);
      last = now;
      if (when >= r.data.to) r.playing = false;
      render(r, when);
      if (r.playing) requestAnimationFrame(step);
    };
    render(r, r.t);
    requestAnimationFrame(step);
  }

  /** Shows the case as it stood at when (ms since the epoch). */
  function render(r, when) {
    const { data, view } = r;
    r.t = Math.max(data.from, Math.min(data.to, when));
    drawZone(r, zoneAt(data.frames, r.t));
    const shown = drawSightings(r, r.t);
    const figures = lastAtOrBefore(data.counts, r.t) ?? { alerted: 0, delivered: 0, acknowledged: 0 };
    const event = lastAtOrBefore(data.events, r.t);

    view.scrubber.value = String(r.t - data.from);
    fill(view.clock, h("time", { datetime: new Date(r.t).toISOString() }, dateTimeSeconds(new Date(r.t).toISOString())), ` · +${duration(r.t - data.from)} / ${duration(data.to - data.from)}`);
    fill(
      view.figures,
      ["alerted", "delivered", "acknowledged"].map((k) => h("span", { dataset: { replayFigure: k } }, h("b", {}, String(figures[k])), " ", label("figure", k))),
      h("span", { dataset: { replayFigure: "sightings" } }, h("b", {}, String(shown)), " ", t("replaySightingCount")),
    );
    fill(view.latest, event ? t("replayLatest", { event: label("kind", event.kind), time: time(new Date(event.at).toISOString()) }) : "");
    fill(view.status);
    fill(view.play, t(r.playing ? "replayPause" : r.t >= data.to ? "replayRestart" : "replayPlay"));
    const radii = r.circles.map((c) => c.radiusKm);
    Object.assign(view.root.dataset, {
      state: r.playing ? "playing" : r.t >= data.to ? "ended" : "paused",
      time: new Date(r.t).toISOString(),
      elapsedMs: String(r.t - data.from),
      circles: String(r.circles.length),
      radiusKm: radii.length ? Math.max(...radii).toFixed(4) : "0",
      sightings: String(shown),
      acknowledged: String(figures.acknowledged),
    });
  }

  function drawZone(r, circles) {
    const same = circles.length === r.circles.length && circles.every((c, i) => c.lat === r.circles[i].lat && c.lon === r.circles[i].lon);
    if (same) {
      circles.forEach((c, i) => r.circles[i].layer.setRadius(c.radiusKm * 1000));
    } else {
      map.removeWhere((id) => id.startsWith("replayzone:"));
      circles.forEach((c, i) => (c.layer = map.circle(`replayzone:${i}`, c.lat, c.lon, c.radiusKm, zoneStyle)));
    }
    r.circles = circles.map((c, i) => ({ ...c, layer: same ? r.circles[i].layer : c.layer }));
  }

  /** The sightings reported by when, each as it stood then (pending until decided); how many. */
  function drawSightings(r, when) {
    let count = 0;
    for (const s of r.data.sightings) {
      const id = `replaysighting:${s.id}`;
      if (s.reportedAt > when) {
        if (r.shown.delete(s.id)) map.remove(id);
        continue;
      }
      count++;
      const status = s.decidedAt !== null && s.decidedAt <= when ? s.status : "pending";
      if (r.shown.get(s.id) === status) continue;
      r.shown.set(s.id, status);
      const colour = colours[status];
      map.dot(id, s.lat, s.lon, { color: colour, fillColor: colour, radius: 6 }, t("replaySightingMark", { status: label("sighting", status), time: time(new Date(s.seenAt).toISOString()) }));
    }
    return count;
  }

  return { open, close, redraw };
}

/** The replay with its times as ms since the epoch, each list in time order. */
function prepare(replay) {
  const ms = (iso) => Date.parse(iso);
  return {
    from: ms(replay.from),
    to: ms(replay.to),
    frames: replay.frames.map((f) => ({ at: ms(f.at), circles: f.circles })),
    sightings: replay.sightings.map((s) => ({ ...s, reportedAt: ms(s.reportedAt), decidedAt: s.decidedAt ? ms(s.decidedAt) : null })),
    counts: replay.counts.map((c) => ({ ...c, at: ms(c.at) })),
    events: replay.events.map((e) => ({ ...e, at: ms(e.at) })),
  };
}

/** The zone's circles at when: the last frame by then, grown linearly towards the next one if it has the same anchors. */
function zoneAt(frames, when) {
  let i = -1;
  while (i + 1 < frames.length && frames[i + 1].at <= when) i++;
  if (i < 0) return [];
  const frame = frames[i];
  const next = frames[i + 1];
  const sameAnchors =
    next && next.at > frame.at && next.circles.length === frame.circles.length &&
    next.circles.every((c, k) => c.lat === frame.circles[k].lat && c.lon === frame.circles[k].lon && c.at === frame.circles[k].at);
  const share = sameAnchors ? (when - frame.at) / (next.at - frame.at) : 0;
  return frame.circles.map((c, k) => ({
    lat: c.lat,
    lon: c.lon,
    radiusKm: sameAnchors ? c.radiusKm + (next.circles[k].radiusKm - c.radiusKm) * share : c.radiusKm,
  }));
}

function lastAtOrBefore(list, when) {
  let found = null;
  for (const item of list) {
    if (item.at > when) break;
    found = item;
  }
  return found;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
