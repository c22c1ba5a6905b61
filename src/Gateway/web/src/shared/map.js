// The map every page shares: Leaflet over a configurable tile URL, with the bundled outline of
// North Macedonia and its towns underneath, so it still makes sense when no tiles can be reached.
//
// Leaflet sets a string given to a tooltip, popup, divIcon or control as HTML. So every label
// here is a node from dom.js (text()), never a string: a child's name or a sighting typed by
// anyone stays text. The attribution is our own control for the same reason.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { h, text } from "./dom.js";

const skopje = [41.9981, 21.4254];

export async function createMap(element, config, { center = [41.62, 21.74], zoom = 8 } = {}) {
  // SVG rather than canvas: each shape is an element, with a class naming what it is.
  const map = L.map(element, { zoomControl: true, attributionControl: false }).setView(center, zoom);
  // The outline lies under the tiles (a base map, once loaded, covers it); the dots lie over the
  // zones, so a sighting inside its zone can still be pointed at.
  map.createPane("outlinePane");
  map.createPane("dotsPane");

  const status = L.control({ position: "bottomleft" });
  status.onAdd = () => L.DomUtil.create("div", "map-status");
  status.addTo(map);
  const setStatus = (text) => (status.getContainer().textContent = text);

  addAttribution(map, config.tileUrl ? config.tileAttribution : "");
  await drawOutline(map, config.towns ?? []);
  addTiles(map, config, setStatus);

  const layers = new Map();
  const put = (id, layer) => {
    layers.get(id)?.remove();
    layers.set(id, layer.addTo(map));
    return layer;
  };

  return {
    leaflet: map,
    /** Draws (or replaces) a GeoJSON geometry or feature under an id, with an optional label (text). */
    shape(id, geojson, style, label) {
      return put(id, labelled(L.geoJSON(geojson, { style: () => ({ className: kind(id), ...style }) }), label, { sticky: true }));
    },
    /** A small circle marker with an optional label (text). */
    dot(id, lat, lon, style, label) {
      const marker = L.circleMarker([lat, lon], { radius: 7, weight: 2, fillOpacity: 0.9, className: kind(id), pane: "dotsPane", ...style });
      return put(id, labelled(marker, label, { direction: "top", offset: [0, -6] }));
    },
    /** A circle with a radius in km (a subscriber's watch area). */
    circle(id, lat, lon, radiusKm, style) {
      return put(id, L.circle([lat, lon], { radius: radiusKm * 1000, weight: 1, fillOpacity: 0.08, className: kind(id), ...style }));
    },
    remove(id) {
      layers.get(id)?.remove();
      layers.delete(id);
    },
    removeWhere(predicate) {
      for (const id of [...layers.keys()]) if (predicate(id)) this.remove(id);
    },
    has: (id) => layers.has(id),
    restyle(id, style) {
      layers.get(id)?.setStyle?.(style);
    },
    onClick(handler) {
      map.on("click", (e) => handler({ lat: round(e.latlng.lat), lon: round(e.latlng.lng) }));
    },
    focus(ids) {
      const bounds = L.latLngBounds([]);
      for (const id of ids) {
        const layer = layers.get(id);
        if (layer?.getBounds) bounds.extend(layer.getBounds());
        else if (layer?.getLatLng) bounds.extend(layer.getLatLng());
      }
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
    },
    /** Brings a shape back into view when it has grown or moved past the edge. */
    keepInView(id) {
      const bounds = layers.get(id)?.getBounds?.();
      if (bounds?.isValid() && !map.getBounds().contains(bounds)) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
    },
    centreOn(lat, lon, z = Math.max(map.getZoom(), 11)) {
      map.setView([lat, lon], z);
    },
    /** A panel (a node made with h()) in a corner of the map; clicks and drags in it stay off the map. Returns its remover. */
    panel(node, position = "topright") {
      const control = L.control({ position });
      control.onAdd = () => {
        L.DomEvent.disableClickPropagation(node);
        L.DomEvent.disableScrollPropagation(node);
        return node;
      };
      control.addTo(map);
      return () => control.remove();
    },
    setStatus,
    skopje,
  };
}

// A hover label: always a text node (see the top of this file).
function labelled(layer, label, options) {
  if (label !== undefined && label !== null && label !== "") layer.bindTooltip(() => text(label, "map-label"), options);
  return layer;
}

const round = (x) => Math.round(x * 1e5) / 1e5;

// "zone:case-1" → "zone": the kind of shape, as a class for styling and for the page tests.
const kind = (id) => `shape-${id.split(":")[0]}`;

async function drawOutline(map, towns) {
  try {
    const outline = await (await fetch("/build/outline.json")).json();
    L.geoJSON(outline, {
      // Sent to the back, so zones, teams and sightings always lie on top of it.
      className: "shape-outline",
      pane: "outlinePane",
      interactive: false,
      style: (f) =>
        f.properties.home
          ? { color: "#5b6b7a", weight: 1.5, fillColor: "#f4f1ea", fillOpacity: 1 }
          : { color: "#9aa5b1", weight: 0.8, fillColor: "#e3e6ea", fillOpacity: 1 },
    })
      .addTo(map)
      .bringToBack();
  } catch {
    // The outline is a comfort, not a need: the map still works without it.
  }
  for (const town of towns) {
    L.circleMarker([town.lat, town.lon], {
      radius: town.population > 200000 ? 4 : 2.5,
      color: "#46515c",
      weight: 1,
      fillColor: "#46515c",
      fillOpacity: 1,
      pane: "outlinePane",
      interactive: false,
    })
      .bindTooltip(text(town.name), { permanent: true, direction: "right", className: "town-label", offset: [4, 0] })
      .addTo(map);
  }
}

// Tiles are optional: after a few failures with none loaded the layer goes away and the
// offline outline is what people see.
function addTiles(map, config, setStatus) {
  if (!config.tileUrl) {
    setStatus("offline map");
    return;
  }
  const tiles = L.tileLayer(config.tileUrl, { maxZoom: 18 });
  let loaded = 0;
  let failed = 0;
  tiles.on("tileload", () => {
    loaded++;
    setStatus("");
  });
  tiles.on("tileerror", () => {
    if (++failed >= 3 && loaded === 0) {
      tiles.remove();
      setStatus("offline map (tiles unreachable)");
    }
  });
  tiles.addTo(map);
}

// Leaflet's and the tile provider's credit as text, in Leaflet's corner (its own control sets HTML).
function addAttribution(map, credit) {
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => h("div", { class: "leaflet-control-attribution leaflet-control" }, h("a", { href: "https://leafletjs.com" }, "Leaflet"), credit ? [" | ", text(credit)] : null);
  control.addTo(map);
}
