// The cases list, the selected case's detail and their shapes on the map, kept current by
// caseDelta / sightingReported / dispatchStats / fieldTeamMoved / fieldTeamLeft.
import { $, fill, h, showProblem } from "../shared/dom.js";
import { createCaseDetail } from "./caseDetail.js";
import { pendingRequest } from "./escalation.js";
import { dateTime } from "../shared/format.js";
import { label, t } from "./texts.js";

const staleTeamMs = 60 * 60 * 1000;

const zoneStyle = (c, selected) => ({
  color: c.level === "public" ? "#c0392b" : "#d68910",
  weight: selected ? 3 : 1.5,
  fillOpacity: selected ? 0.22 : 0.12,
});

export function createCaseBoard({ api, map, me, replay }) {
  const cases = new Map();
  const stats = new Map();
  const drawnZone = new Map();
  const teams = new Map();
  let selectedId = null;
  const detail = createCaseDetail({ api, me, replay, onChanged: (c) => upsert(c) });
  // caseId → when a copy of it was last heard (a count), from the hub or an action's answer: a
  // reload applies only what nobody told the board of while its reads were on their way.
  let heard = 0;
  const heardAt = new Map();
  // Cases seen resolved: a case never comes back, so an older active copy of it is dropped.
  const ended = new Set();

  async function load() {
    const asked = heard;
    const summaries = await api.get("/api/cases?status=active");
    const full = await Promise.all(summaries.map((s) => api.get(`/api/cases/${s.id}`)));
    const untold = (id) => !(heardAt.get(id) > asked);
    for (const id of [...cases.keys()]) if (untold(id) && !full.some((c) => c.id === id)) forget(id);
    for (const c of full) if (untold(c.id)) await show(c);
    if (selectedId && cases.has(selectedId)) await detail.show(cases.get(selectedId), stats.get(selectedId));
  }

  /** A copy of a case heard now (the hub, an action's answer): newer than any reload under way. */
  function upsert(c, select = false) {
    if (!stale(c)) heardAt.set(c.id, ++heard);
    return show(c, select);
  }

  // A resolved case's older active copy, or an older version than the one held (a whole case read
  // before a delta that was merged first): nothing to show.
  const stale = (c) => c.status === "active" && (ended.has(c.id) || c.version < (cases.get(c.id)?.version ?? -1));

  async function show(c, select = false) {
    if (c.status !== "active") {
      ended.add(c.id);
      forget(c.id);
      if (selectedId === c.id) detail.show(c, stats.get(c.id));
      renderList();
      return;
    }
    if (stale(c)) return;
    cases.set(c.id, c);
    drawCase(c);
    if (drawnZone.get(c.id) !== c.version) await drawZone(c);
    renderList();
    if (select) await selectCase(c.id);
    else if (selectedId === c.id) await detail.show(c, stats.get(c.id));
  }

  function forget(id) {
    cases.delete(id);
    drawnZone.delete(id);
    map.removeWhere((key) => key.endsWith(`:${id}`) || key.includes(`:${id}:`));
  }

  async function drawZone(c) {
    try {
      const feature = await api.get(`/api/cases/${c.id}/zone`);
      if (!cases.has(c.id)) return;
      const abroad = abroadOf(c);
      map.shape(`zone:${c.id}`, feature, zoneStyle(c, c.id === selectedId), abroad.length ? t("searchZoneAbroad", { name: c.child.name, countries: abroad.join(", ") }) : t("searchZone", { name: c.child.name }));
      drawnZone.set(c.id, c.version);
      // The operator follows the selected case: its zone stays on screen as it moves.
      if (c.id === selectedId) map.keepInView(`zone:${c.id}`);
    } catch {
      // The next caseUpdated draws it again.
    }
  }

  function drawCase(c) {
    map.dot(`seen:${c.id}`, c.lastSeen.lat, c.lastSeen.lon, { color: "#1b2631", fillColor: "#ffffff", radius: 5 }, t("lastSeenMark", { name: c.child.name }));
    for (const s of c.sightings) drawSighting(s);
  }

  function drawSighting(s) {
    const colour = { verified: "#c0392b", pending: "#e67e22", rejected: "#95a5a6" }[s.status] ?? "#7f8c8d";
    map.dot(`sighting:${s.caseId}:${s.id}`, s.lat, s.lon, { color: colour, fillColor: colour, radius: 5 }, t("sightingMark", { status: label("sighting", s.status), description: s.description }));
  }

  async function selectCase(id) {
    const previous = selectedId;
    selectedId = id;
    for (const other of [previous, id]) {
      const c = other && cases.get(other);
      if (c) map.restyle(`zone:${c.id}`, zoneStyle(c, c.id === id));
    }
    renderList();
    await detail.show(cases.get(id), stats.get(id));
    map.focus([`zone:${id}`]);
  }

  function renderList() {
    const list = [...cases.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    $("#no-cases").hidden = list.length > 0;
    renderApprovals(list);
    fill(
      $("#cases"),
      list.map((c) => {
        const s = stats.get(c.id) ?? c.stats;
        const pending = c.sightings.filter((x) => x.status === "pending").length;
        return h(
          "li",
          { class: c.id === selectedId ? "selected" : "", dataset: { caseId: c.id }, onclick: () => selectCase(c.id) },
          h("span", { class: `level ${c.level}` }, label("level", c.level)),
          c.exercise ? h("span", { class: "exercise-mark" }, t("exercise")) : null,
          h("strong", {}, c.child.name),
          h("span", { class: "muted" }, ` ${t("ageAndRadius", { age: c.child.age, radiusKm: c.zone.radiusKm.toFixed(1) })}`),
          c.category && c.category !== "unspecified" ? h("span", { class: "category" }, label("category", c.category)) : null,
          c.escalation?.status === "pending" ? h("span", { class: "badge approval-badge" }, t("awaitingApproval")) : null,
          abroadOf(c).length ? h("span", { class: "badge border-badge", title: t("crossedBorder"), dataset: { countries: abroadOf(c).join(",") } }, t("crosses", { countries: abroadOf(c).join(", ") })) : null,
          pending ? h("span", { class: "badge" }, t("toReview", { count: pending })) : null,
          h("span", { class: "figures" }, t("caseFigures", s)),
        );
      }),
    );
  }

  /** Requests to go public waiting for a second supervisor, with approve / reject at hand. */
  function renderApprovals(list) {
    const waiting = list.filter((c) => c.escalation?.status === "pending");
    const section = $("#approvals-section");
    section.hidden = waiting.length === 0;
    const problem = section.querySelector(".problem");
    const act = async (call) => {
      problem.hidden = true;
      try {
        await upsert(await call());
      } catch (error) {
        showProblem(problem, error);
      }
    };
    fill(
      $("#approvals"),
      waiting.map((c) => h("li", { onclick: (e) => e.target.closest("button, input, form") || selectCase(c.id) }, pendingRequest({ api, c, me, act: (call) => act(call), problem }))),
    );
  }

  function sightingReported(s) {
    const c = cases.get(s.caseId);
    if (!c) return;
    c.sightings = [...c.sightings.filter((x) => x.id !== s.id), s];
    drawSighting(s);
    renderList();
    if (selectedId === s.caseId) detail.show(c, stats.get(c.id));
  }

  /**
   * A caseDelta: the case's id and version and only what changed, merged into the case held here.
   * A case not held yet, or a version skipped (an event missed), is read whole instead.
   */
  async function caseDelta(d) {
    const held = cases.get(d.caseId);
    if (held && d.version < held.version) return;
    if (!held || d.version > held.version + 1) {
      try {
        return await upsert(await api.get(`/api/cases/${d.caseId}`));
      } catch {
        return; // The next event, or the resync after a reconnect, reads it again.
      }
    }
    const { caseId: _id, sightings, ...changed } = d;
    const merged = { ...held, ...changed };
    if (sightings) {
      const byId = new Map(sightings.map((s) => [s.id, s]));
      merged.sightings = held.sightings.map((s) => byId.get(s.id) ?? s);
      for (const s of sightings) if (!held.sightings.some((x) => x.id === s.id)) merged.sightings.push(s);
    }
    await upsert(merged);
  }

  function statsChanged(s) {
    stats.set(s.caseId, s);
    renderList();
    if (selectedId === s.caseId) detail.showStats(s);
  }

  // What the hub said of each team last, as a count: a list read before it, answered after it,
  // neither takes off a team that moved since nor brings back one that left since.
  let teamEvents = 0;
  const teamHeard = new Map();
  const teamsLeft = new Map();

  function placeTeam(team) {
    const held = teams.get(team.subscriberId);
    // A list read before a live move, answered after it, must not put the older position back.
    if (held?.at && !(Date.parse(team.at) >= Date.parse(held.at))) return;
    teams.set(team.subscriberId, team);
    drawTeam(team);
  }

  /** A live move (the hub's). */
  function fieldTeamMoved(team) {
    teamHeard.set(team.subscriberId, ++teamEvents);
    teamsLeft.delete(team.subscriberId);
    placeTeam(team);
  }

  /** A team's subscription was deleted: off the map. */
  function fieldTeamLeft({ subscriberId }) {
    teamsLeft.set(subscriberId, ++teamEvents);
    forgetTeam(subscriberId);
  }

  function forgetTeam(subscriberId) {
    teams.delete(subscriberId);
    map.remove(`team:${subscriberId}`);
  }

  /** Now, as fieldTeams' `asked` counts it: read before asking the server for its list. */
  const teamMark = () => teamEvents;

  /** The teams as the server listed them when asked (at teamMark's `asked`): one not listed (gone while the hub was away) goes. */
  function fieldTeams(listed, asked = Infinity) {
    for (const id of [...teams.keys()]) {
      if (!listed.some((team) => team.subscriberId === id) && !((teamHeard.get(id) ?? 0) > asked)) forgetTeam(id);
    }
    for (const team of listed) if (!((teamsLeft.get(team.subscriberId) ?? 0) > asked)) placeTeam(team);
  }

  function drawTeam(team) {
    // A team silent for an hour (or since a time nobody knows) is drawn grey: it is probably no longer there.
    const stale = !(Date.now() - Date.parse(team.at) < staleTeamMs);
    const style = stale ? { color: "#707b7c", fillColor: "#bfc9ca" } : { color: "#1f618d", fillColor: "#5dade2" };
    map.dot(`team:${team.subscriberId}`, team.lat, team.lon, style, t("fieldTeamMark", { id: team.subscriberId, at: dateTime(team.at) }));
  }

  // Teams go quiet while the page stays open all shift: looked at again every minute.
  setInterval(() => {
    for (const team of teams.values()) drawTeam(team);
  }, 60_000);

  /** Draws every case again, in the language just chosen. */
  async function redraw() {
    drawnZone.clear();
    for (const team of teams.values()) drawTeam(team);
    for (const c of [...cases.values()]) await show(c);
    renderList();
    if (selectedId && !cases.has(selectedId)) await detail.refresh();
  }

  return { load, upsert, caseDelta, sightingReported, statsChanged, fieldTeamMoved, fieldTeamLeft, fieldTeams, teamMark, redraw };
}

/** The neighbouring countries (ISO codes) the case's zone has reached: its border flag. */
function abroadOf(c) {
  return (c.countries ?? []).filter((code) => code !== "MK");
}
