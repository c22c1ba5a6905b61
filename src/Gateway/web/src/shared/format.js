// Small formatting helpers shared by the pages.

export const km = (value) => (value < 1 ? `${Math.round(value * 1000)} m` : `${value.toFixed(value < 10 ? 1 : 0)} km`);

/**
 * Dates in the page's language (<html lang>): the browser's own variant of it when it has one
 * (en-GB rather than en-US), and the browser's language when the page's has no date formats.
 */
function locale() {
  const page = document.documentElement.lang;
  const browser = navigator.language || [];
  const sameLanguage = String(browser).toLowerCase().split("-")[0] === page;
  return page && !sameLanguage && Intl.DateTimeFormat.supportedLocalesOf(page).length ? page : browser;
}

export const time = (iso) => (iso ? new Date(iso).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "");

export const dateTime = (iso) => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: "short", timeStyle: "short" }) : "");

/** A date and a time to the second (the control room's replay clock). */
export const dateTimeSeconds = (iso) => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: "short", timeStyle: "medium" }) : "");

export const ms = (value) => (value === undefined || value === null ? "–" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

export const latLon = (p) => `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`;

/** Great-circle distance in km (for "how far is this from me" on the phone pages). */
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** A local datetime-local value for now, for the "last seen at" fields. */
export function nowLocalInput() {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
