using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// What the silo's <see cref="ZoneTicker"/> needs to grow an active case's zone without the case's
/// turn: a copy of the case as it stood when its last call ended (anchors, what an alert says,
/// where its last push went), and the version, zone and control-room snapshot of the last push.
/// Immutable: the ticker replaces it after each push; the case takes it back at its next call.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Anchors">Its anchors, live or not (the zone picks the live ones at each tick).</param>
/// <param name="TravelMode">How fast the zone grows.</param>
/// <param name="Level">Who is alerted.</param>
/// <param name="Child">What an alert says (the case is active: it has one).</param>
/// <param name="Exercise">The case is a drill.</param>
/// <param name="Version">The case's version: the last push's, or a change's after it.</param>
/// <param name="PushedZone">The zone last pushed to tiles.</param>
/// <param name="LastPublished">The case as the control room last heard of it.</param>
/// <param name="Line">The case's line in the case directory (a push that reaches a new country updates it).</param>
/// <param name="Tiles">The tiles the last push reached.</param>
/// <param name="Shards">The region directory shards that hold the zone.</param>
/// <param name="Countries">The countries the zone has reached.</param>
internal sealed record GrowthBasis(
    string CaseId,
    AnchorCircle[] Anchors,
    TravelMode TravelMode,
    CaseLevel Level,
    ChildProfile Child,
    bool Exercise,
    long Version,
    ZoneSnapshot PushedZone,
    CaseSnapshot LastPublished,
    CaseSummary Line,
    IReadOnlySet<string> Tiles,
    IReadOnlySet<string> Shards,
    IReadOnlySet<string> Countries)
{
    /// <summary>The zone at <paramref name="now"/>, at the version after this one.</summary>
    public ZoneSnapshot NextZone(ZonePolicy policy, DateTimeOffset now) =>
        CaseMapping.ZoneAt(CaseId, Anchors, TravelMode, Version + 1, Level, Child, Exercise, policy, now);
}
