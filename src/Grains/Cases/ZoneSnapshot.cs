using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A case's zone at one version, as regions receive it: the live circles and what an alert says.
/// <paramref name="Child"/> is null once the case is resolved. <paramref name="Exercise"/>: the case is
/// a drill, so only subscribers opted in to exercises match. <paramref name="Mode"/>: how the
/// circles grow, so the region directory can tell a latecomer the zone as it is by then
/// (<see cref="GrownTo"/>); null in zones stored before it was added, which then stand as they are.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.zone-snapshot")]
public sealed record ZoneSnapshot(
    string CaseId,
    long Version,
    CaseLevel Level,
    DateTimeOffset ComputedAt,
    AnchorCircle[] Anchors,
    ChildProfile? Child,
    bool Exercise = false,
    TravelMode? Mode = null)
{
    /// <summary>The domain zone these circles make.</summary>
    public Zone ToZone() => Anchors.ToZone();

    /// <summary>
    /// The zone at <paramref name="now"/> (not before it was computed): its anchors still live then,
    /// grown; at the same version, which a tile that adopts it is pushed above.
    /// </summary>
    public ZoneSnapshot GrownTo(ZonePolicy policy, DateTimeOffset now) =>
        Mode is not { } mode || now <= ComputedAt
            ? this
            : CaseMapping.ZoneAt(CaseId, Anchors, mode, Version, Level, Child, Exercise, policy, now);

    /// <summary>
    /// True when <paramref name="other"/> has the same anchors, level, drill flag and travel mode:
    /// either grows into the other with time alone (<see cref="GrownTo"/>).
    /// </summary>
    public bool GrowsLike(ZoneSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Level != Level || other.Exercise != Exercise || other.Mode != Mode || other.Anchors.Length != Anchors.Length)
        {
            return false;
        }

        for (var i = 0; i < Anchors.Length; i++)
        {
            if (Anchors[i].Lat != other.Anchors[i].Lat || Anchors[i].Lon != other.Anchors[i].Lon || Anchors[i].At != other.Anchors[i].At)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The largest live radius, in km.</summary>
    public double RadiusKm => Anchors.Max(a => a.RadiusKm);
}
