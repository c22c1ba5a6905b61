// Bundles the three pages into ../wwwroot/build, cuts the offline outline out of world-atlas, and
// makes what installs /public and /field as apps: icons from one SVG, a manifest per page (and per
// language of the public page), and the service worker with the app shell's file list and version.
// Run by the Gateway's build (BundlePages in the .csproj); `npm run build` does the same by hand.
import { Resvg } from "@resvg/resvg-js";
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { feature } from "topojson-client";

const out = new URL("../wwwroot/build/", import.meta.url);
const wwwroot = new URL("../wwwroot/", import.meta.url);
await mkdir(new URL("icons/", out), { recursive: true });

const pages = await build({
  entryPoints: {
    control: "src/control/main.js",
    field: "src/field/main.js",
    public: "src/public/main.js",
  },
  bundle: true,
  format: "esm",
  splitting: true,
  minify: true,
  sourcemap: true,
  target: ["es2022"],
  outdir: out.pathname,
  loader: { ".png": "file", ".svg": "file" },
  metafile: true,
  logLevel: "warning",
});

// The country and its neighbours from Natural Earth 1:50m (world-atlas), so the map still
// shows where things are when no base-map tiles can be reached.
const neighbours = new Set(["Macedonia", "North Macedonia", "Albania", "Kosovo", "Serbia", "Bulgaria", "Greece"]);
const atlas = JSON.parse(await readFile(new URL("node_modules/world-atlas/countries-50m.json", import.meta.url)));
const countries = feature(atlas, atlas.objects.countries);
const outline = {
  type: "FeatureCollection",
  features: countries.features
    .filter((f) => neighbours.has(f.properties.name))
    .map((f) => ({ ...f, properties: { name: f.properties.name, home: f.id === "807" } })),
};
await writeFile(new URL("outline.json", out), JSON.stringify(outline));

// Icons: 192 and 512 px as drawn, and maskable ones (the drawing within the middle 80%, the safe
// zone a launcher's mask never cuts, on a full-bleed background).
const theme = "#c0392b";
const svg = await readFile(new URL("src/app/icon.svg", import.meta.url), "utf8");
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${theme}"/>${svg.replace("<svg ", '<svg x="51.2" y="51.2" width="409.6" height="409.6" ')}</svg>`;
const icons = [];
for (const [name, source, purpose] of [["icon", svg, "any"], ["maskable", maskable, "maskable"]]) {
  for (const size of [192, 512]) {
    const file = `icons/${name}-${size}.png`;
    await writeFile(new URL(file, out), new Resvg(source, { fitTo: { mode: "width", value: size } }).render().asPng());
    icons.push({ src: `/build/${file}`, sizes: `${size}x${size}`, type: "image/png", purpose });
  }
}

// A manifest per page: the public page's in each of its languages (the page links the one it
// speaks), the field page's in English as the page is.
const app = (path, lang, name, shortName) => ({
  id: path,
  lang,
  name,
  short_name: shortName,
  start_url: path,
  scope: path,
  display: "standalone",
  theme_color: theme,
  background_color: "#f7f8fa",
  icons,
});
const manifests = [];
for (const lang of ["mk", "sq", "en", "rom"]) {
  const texts = JSON.parse(await readFile(new URL(`src/public/texts/${lang}.json`, import.meta.url)));
  manifests.push([`public-${lang}.webmanifest`, app("/public", lang, texts.title, texts.appName)]);
}
manifests.push(["field.webmanifest", app("/field", "en", "EarlyWarning · field team", "EW field")]);
for (const [file, manifest] of manifests) await writeFile(new URL(file, out), JSON.stringify(manifest, null, 2));

// The app shell: both pages, their bundles and chunks, the outline, icons and manifests. Its cache
// is named for a hash of their bytes, so a new build makes a new service worker, which fetches the
// new shell and drops the old one.
const bundled = Object.keys(pages.metafile.outputs)
  .map((file) => relative(out.pathname, file))
  .filter((file) => !file.endsWith(".map") && !/^control\./.test(file));
const shell = [
  ["/public", new URL("public.html", wwwroot)],
  ["/field", new URL("field.html", wwwroot)],
  ...[...bundled, "outline.json", ...icons.map((i) => i.src.slice("/build/".length)), ...manifests.map(([file]) => file)].map((file) => [`/build/${file}`, new URL(file, out)]),
];
const hash = createHash("sha256");
for (const [url, file] of shell) hash.update(url).update(await readFile(file));
await build({
  entryPoints: ["src/sw/sw.js"],
  bundle: true,
  format: "iife",
  minify: false,
  target: ["es2022"],
  outfile: new URL("sw.js", out).pathname,
  define: { SHELL_VERSION: JSON.stringify(hash.digest("hex").slice(0, 16)), SHELL_FILES: JSON.stringify(shell.map(([url]) => url)) },
  logLevel: "warning",
});
await writeFile(new URL(".bundled", out), new Date().toISOString() + "\n");
