// Bundles the three pages into ../wwwroot/build and cuts the offline outline out of world-atlas.
// Run by the Gateway's build (BundlePages in the .csproj); `npm run build` does the same by hand.
import { build } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { feature } from "topojson-client";

const out = new URL("../wwwroot/build/", import.meta.url);
await mkdir(out, { recursive: true });

await build({
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
await writeFile(new URL(".bundled", out), new Date().toISOString() + "\n");
