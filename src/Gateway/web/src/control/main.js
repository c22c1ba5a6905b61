// The control room (/): sign in, then the active cases, their zones and the field teams, live; in
// Macedonian, Albanian or English, as the signed-in account chose (./texts.js).
import "../shared/pages.css";
import "./control.css";
import { createApi } from "../shared/api.js";
import { loadConfig } from "../shared/config.js";
import { $, fill, pageReady, wired } from "../shared/dom.js";
import { connectHub } from "../shared/hub.js";
import { createMap } from "../shared/map.js";
import { createSession } from "../shared/session.js";
import { signIn, signOut } from "../shared/signIn.js";
import { createCaseBoard } from "./caseBoard.js";
import { createOpenCaseForm } from "./openCaseForm.js";
import { label, t, texts } from "./texts.js";
import { createReplay } from "./replay.js";
import { resolvedCases } from "./resolvedCases.js";

const session = createSession("ew.control");
const api = createApi(session.token, () => login.ask(t("signInRefused")));
let hub = null;

pageReady();
const login = signIn(session, (role) => (role === "field" ? t("fieldAccountsUseField") : null), start, () => hub?.resume(), t);

/** Supervisors: the Orleans Dashboard in a new tab, its requests carried by a cookie the gateway sets from this token. */
function showDashboardLink() {
  const link = $("#dashboard-link");
  link.hidden = false;
  link.onclick = async () => {
    const tab = window.open("about:blank", "_blank"); // opened on the click, or a pop-up blocker stops it
    try {
      await api.post("/dashboard/session");
      if (tab) tab.location.href = "/dashboard/";
    } catch {
      tab?.close();
    }
  };
}

async function start() {
  const me = session.get();
  texts.signedIn(me.username);
  // The name too: with two supervisors approving each other's requests, who is signed in matters.
  const who = () => fill($("#who"), me.username ? `${me.username} · ${label("role", me.role)}` : label("role", me.role));
  who();
  $("#logout").onclick = () => {
    // The dashboard's cookie goes with the sign-in (it would expire with the token anyway).
    fetch("/dashboard/session", { method: "DELETE", keepalive: true }).catch(() => {});
    signOut(session);
  };
  if (me.role === "supervisor") showDashboardLink();

  const map = await createMap($("#map"), await loadConfig());
  const replay = createReplay({ api, map });
  const board = createCaseBoard({ api, map, me, replay });
  const resolved = resolvedCases({ api, replay, box: $("#resolved-section") });
  const openForm = createOpenCaseForm({ api, map, role: me.role, onOpened: (c) => board.upsert(c, true) });
  $("#new-case").onclick = () => openForm.show();
  wired();

  const status = (s) => {
    const el = $("#hub-status");
    el.textContent = t(s);
    el.dataset.state = s;
  };
  texts.onChange(() => {
    who();
    if ($("#hub-status").dataset.state) status($("#hub-status").dataset.state);
    board.redraw();
    resolved.redraw();
    replay.redraw();
  });
  const readTeams = async () => {
    const asked = board.teamMark();
    board.fieldTeams(await api.get("/api/field-teams"), asked);
  };
  const loadAll = async () => {
    await board.load();
    await readTeams();
  };
  // The state is read now and after every (re)connect, since pushes missed in a gap are gone.
  await loadAll().catch(() => {});
  hub = connectHub(
    session.token,
    {
      caseDelta: (d) => board.caseDelta(d),
      sightingReported: (s) => board.sightingReported(s),
      dispatchStats: (s) => board.statsChanged(s),
      fieldTeamMoved: (t) => board.fieldTeamMoved(t),
      fieldTeamLeft: (t) => board.fieldTeamLeft(t),
      resync: loadAll,
    },
    {
      // Only what changed in a case (a zone tick: the zone), not the whole case each time.
      query: "deltas=1",
      onStatus: status,
      onUnauthorized: () => login.ask(t("signInEnded")),
      // After a failed connect: one small authenticated read (the field teams, shown anyway) tells a
      // refused token from a gateway that is down.
      probe: readTeams,
    },
  );
}
