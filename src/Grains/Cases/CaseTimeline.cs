namespace EarlyWarning.Grains.Cases;

/// <summary>Appends to a case's audit trail: numbered in order, stamped, attributed.</summary>
internal static class CaseTimeline
{
    public static void Append(CaseState state, DateTimeOffset at, string kind, string actor, params (string Key, string Value)[] data) =>
        state.Timeline.Add(new TimelineEntry(state.Timeline.Count + 1, at, kind, actor, data.ToDictionary(d => d.Key, d => d.Value)));
}
