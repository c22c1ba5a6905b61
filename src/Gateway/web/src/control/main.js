// The control room (/): sign in, then the active cases, their zones and the field teams, live.
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

const session = createSession("ew.control");
const api = createApi(session.token, () => signOut(session));

pageReady();
signIn(session, (role) => (role === "field" ? "Field accounts use the field page: /field" : null), start);

async function start() {
  const me = session.get();
  $("#login").hidden = true;
  $("#app").hidden = false;
  fill($("#who"), `${me.role}`);
  $("#logout").onclick = () => signOut(session);

  const map = await createMap($("#map"), await loadConfig());
  const board = createCaseBoard({ api, map, role: me.role });
  const openForm = createOpenCaseForm({ api, map, role: me.role, onOpened: (c) => board.upsert(c, true) });
  $("#new-case").onclick = () => openForm.show();
  wired();

  const status = (s) => {
    const el = $("#hub-status");
    el.textContent = s;
    el.dataset.state = s;
  };
  const loadAll = async () => {
    await board.load();
    for (const team of await api.get("/api/field-teams")) board.fieldTeamMoved(team);
  };
  await loadAll();
  await connectHub(
    session.token,
    {
      caseUpdated: (c) => board.upsert(c),
      sightingReported: (s) => board.sightingReported(s),
      dispatchStats: (s) => board.statsChanged(s),
      fieldTeamMoved: (t) => board.fieldTeamMoved(t),
      // After a gap the pushes missed are gone: read the state again.
      reconnected: loadAll,
    },
    status,
  ).catch(() => status("offline"));
}
