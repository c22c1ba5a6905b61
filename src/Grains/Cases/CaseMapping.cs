namespace EarlyWarning.Grains.Cases;

/// <summary>Builds the read models of a case from its state.</summary>
internal static class CaseMapping
{
    public static CaseSnapshot ToSnapshot(string caseId, CaseState state, ZoneSnapshot zone)
    {
        var opening = state.Opening!;
        return new CaseSnapshot(
            caseId, state.Status, state.Outcome, state.Level, state.Version, opening.Child,
            opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, opening.TravelMode, state.CreatedAt,
            zone, [.. state.Sightings],
            new CaseStats(state.Alerted, state.Delivered, state.AcknowledgedBy.Count));
    }

    public static CaseSummary ToSummary(string caseId, CaseState state)
    {
        var opening = state.Opening!;
        return new CaseSummary(
            caseId, state.Status, state.Level, state.Version, opening.Child.Name,
            opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, state.CreatedAt);
    }
}
