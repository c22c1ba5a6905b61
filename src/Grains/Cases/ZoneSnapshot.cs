using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A case's zone at one version, as regions receive it: the live circles and what an alert says.
/// <paramref name="Child"/> is null once the case is resolved. <paramref name="Exercise"/>: the case is
/// a drill, so only subscribers opted in to exercises match.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.zone-snapshot")]
public sealed record ZoneSnapshot(
    string CaseId,
    long Version,
    CaseLevel Level,
    DateTimeOffset ComputedAt,
    AnchorCircle[] Anchors,
    ChildProfile? Child,
    bool Exercise = false)
{
    /// <summary>The domain zone these circles make.</summary>
    public Zone ToZone() => Anchors.ToZone();

    /// <summary>The largest live radius, in km.</summary>
    public double RadiusKm => Anchors.Max(a => a.RadiusKm);
}
