// The child's photo in the control room: the system's own copy, fetched with the operator's token
// (so it stays visible after resolve, until retention), and an upload that replaces it (JPEG, PNG
// or WebP; the gateway re-encodes it without its EXIF/GPS and pushes it to those already alerted).
import { h, httpUrl, showProblem } from "../shared/dom.js";
import { t } from "./texts.js";

// A hosted photo never changes under its URL (a new photo gets a new one): fetched once per page.
const loaded = new Map();

export function casePhoto({ api, c, onChanged }) {
  const problem = h("p", { class: "problem", hidden: true });
  const img = h("img", { class: "child-photo", alt: t("photoOf", { name: c.child.name }), referrerpolicy: "no-referrer", hidden: true });
  show(api, img, c.child.photoUrl);
  const input = h("input", { type: "file", name: "file", accept: "image/jpeg,image/png,image/webp", "aria-label": t("photoFile"), required: true });
  const upload =
    c.status === "active"
      ? h(
          "form",
          {
            class: "row photo-upload",
            onsubmit: async (e) => {
              e.preventDefault();
              problem.hidden = true;
              const form = new FormData();
              form.append("file", input.files[0]);
              try {
                await api.upload(`/api/cases/${c.id}/photo`, form);
                onChanged(await api.get(`/api/cases/${c.id}`));
              } catch (error) {
                showProblem(problem, error);
              }
            },
          },
          input,
          h("button", { type: "submit" }, t(c.child.photoUrl ? "replacePhoto" : "uploadPhoto")),
        )
      : null;
  return h("div", { class: "photo" }, img, upload, problem);
}

async function show(api, img, photoUrl) {
  if (!photoUrl) return;
  if (!photoUrl.startsWith("/api/photos/")) {
    // An outside URL typed in before photos were hosted.
    const url = httpUrl(photoUrl);
    if (url) Object.assign(img, { src: url, hidden: false });
    return;
  }
  try {
    if (!loaded.has(photoUrl)) loaded.set(photoUrl, URL.createObjectURL(await api.blob(photoUrl)));
    Object.assign(img, { src: loaded.get(photoUrl), hidden: false });
  } catch {
    loaded.delete(photoUrl);
  }
}
