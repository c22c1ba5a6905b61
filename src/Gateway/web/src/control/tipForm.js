// "Log a tip": a call to the control room, the 116 000 hotline, the police (192), an NGO or someone
// in person, with the caller's contact. It arrives pending like an anonymous tip; only its
// verification moves the zone.
import { newId } from "../shared/api.js";
import { formValues, h } from "../shared/dom.js";
import { nowLocalInput } from "../shared/format.js";
import { label, t } from "./texts.js";

const channels = ["hotline", "police", "phone", "ngo", "in-person"];

export function tipForm({ api, c, act, problem }) {
  let id = newId(); // one id per tip: sending it again (a timeout) stores it once
  return h(
    "details",
    { class: "tip-form" },
    h("summary", {}, t("logTip")),
    h(
      "form",
      {
        onsubmit: (event) => {
          event.preventDefault();
          const v = formValues(event.target);
          act(async () => {
            await api.post(`/api/cases/${c.id}/sightings`, {
              id,
              channel: v.channel,
              lat: Number(v.lat),
              lon: Number(v.lon),
              seenAt: new Date(v.seenAt).toISOString(),
              description: v.description,
              reporterContact: v.reporterContact || undefined,
            });
            id = newId();
            return api.get(`/api/cases/${c.id}`);
          }, problem);
        },
      },
      h("div", { class: "row" }, h("label", {}, t("channel"), " ", h("select", { name: "channel" }, channels.map((value) => h("option", { value }, label("channel", value))))), h("label", {}, t("seenAt"), " ", h("input", { name: "seenAt", type: "datetime-local", required: true, value: nowLocalInput() }))),
      h("label", {}, t("callerSaw"), " ", h("textarea", { name: "description", rows: 2, required: true, maxlength: 2000 })),
      h("label", {}, t("callerContact"), " ", h("input", { name: "reporterContact", maxlength: 200, placeholder: t("callerContactHint") })),
      h("div", { class: "row" }, h("label", {}, t("lat"), " ", h("input", { name: "lat", type: "number", step: "any", required: true, value: c.lastSeen.lat })), h("label", {}, t("lon"), " ", h("input", { name: "lon", type: "number", step: "any", required: true, value: c.lastSeen.lon }))),
      h("button", { type: "submit" }, t("logTipPending")),
    ),
  );
}
