// Extracts the outlines of North Macedonia and its neighbours from the world-atlas package
// (Natural Earth 1:50m, already a dependency of the pages) into src/Domain/Geo/CountryOutlines.wkt:
// one line per country, "CODE<TAB>WKT", lon/lat degrees rounded to 4 decimals (~10 m, well
// under the 1:50m source's own accuracy). Kosovo has no ISO numeric id in world-atlas; it is
// matched by name.
// Run from the repository root: node scripts/country-outlines.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(new URL('../src/Gateway/web/package.json', import.meta.url));
const { feature } = require('topojson-client');
const atlas = require('world-atlas/countries-50m.json');

const codes = { Macedonia: 'MK', Albania: 'AL', Kosovo: 'XK', Greece: 'GR', Bulgaria: 'BG', Serbia: 'RS' };
const countries = feature(atlas, atlas.objects.countries).features.filter(f => f.properties.name in codes);

const ring = r => `(${r.map(([x, y]) => `${x.toFixed(4)} ${y.toFixed(4)}`).join(', ')})`;
const polygon = p => `(${p.map(ring).join(', ')})`;
const wkt = g => g.type === 'Polygon' ? `MULTIPOLYGON (${polygon(g.coordinates)})` : `MULTIPOLYGON (${g.coordinates.map(polygon).join(', ')})`;

const lines = Object.values(codes).map(code => {
  const country = countries.find(f => codes[f.properties.name] === code);
  if (!country) throw new Error(`world-atlas has no outline for ${code}`);
  return `${code}\t${wkt(country.geometry)}`;
});
writeFileSync(new URL('../src/Domain/Geo/CountryOutlines.wkt', import.meta.url), lines.join('\n') + '\n');
console.log(`wrote ${lines.length} outlines`);
