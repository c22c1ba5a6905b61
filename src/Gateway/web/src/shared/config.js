// GET /api/pages/config: tile URL and towns for the map.
export async function loadConfig() {
  try {
    const response = await fetch("/api/pages/config");
    return response.ok ? await response.json() : { tileUrl: "", towns: [] };
  } catch {
    return { tileUrl: "", towns: [] };
  }
}
