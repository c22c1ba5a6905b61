// The replay control's words, kept in one object so the control room's translations (mk, sq, en)
// can take them over whole: replay.js and resolvedCases.js read every visible text from here.
export const replayTexts = {
  open: "Replay",
  title: "Replay",
  play: "Play",
  pause: "Pause",
  restart: "From the start",
  close: "Close the replay",
  speed: "Speed",
  clock: "Replay clock",
  loading: "Loading the replay…",
  loadFailed: "The replay could not be loaded.",
  figures: { alerted: "alerted", delivered: "delivered", acknowledged: "acknowledged", sightings: "sightings" },
  status: { pending: "pending", verified: "verified", rejected: "rejected" },
  sighting: (status, seenAt) => `sighting (${status}), seen ${seenAt}`,
  zone: "search zone at this moment",
  latest: "Latest:",
  resolvedHeading: "Review a resolved case",
  searchLabel: "Part of the child's name (empty: all)",
  search: "Find",
  noneFound: "No resolved case found.",
  noName: "(personal data erased)",
};
