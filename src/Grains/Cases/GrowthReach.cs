using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The tiles a case's zone reached when its silo's ticker last measured it against the copies of
/// its shards' tiles (<see cref="ShardMirror"/>), and how much farther it could then grow before it
/// reached another (<see cref="TileReach"/>). It holds while the shards, their tiles and the zone's
/// anchors stay the same and no circle has grown by that much: a tick then needs neither a measure
/// nor a directory call. The ticker's alone, like the rest of a card it keeps for itself.
/// </summary>
internal sealed class GrowthReach
{
    private readonly IReadOnlySet<string> _shards;
    private readonly (string Shard, string Stamp)[] _stamps;
    private readonly AnchorCircle[] _measured;
    private readonly double _slackKm;

    // The mirror's version when the stamps were last found current (the ticker's alone).
    private long _mirrorVersion;

    private GrowthReach(IReadOnlySet<string> shards, (string, string)[] stamps, AnchorCircle[] measured, double slackKm, IReadOnlySet<string> tiles, long mirrorVersion) =>
        (_shards, _stamps, _measured, _slackKm, Tiles, _mirrorVersion) = (shards, stamps, measured, slackKm, tiles, mirrorVersion);

    /// <summary>The tiles the zone reached when measured (grain keys).</summary>
    public IReadOnlySet<string> Tiles { get; }

    /// <summary>
    /// Measures <paramref name="zone"/> (whose circles are <paramref name="anchors"/>) against the
    /// copies of <paramref name="shards"/>; null when the silo has no copy of one of them.
    /// </summary>
    public static GrowthReach? Measure(IReadOnlySet<string> shards, AnchorCircle[] anchors, Zone zone, ShardMirror mirror)
    {
        var version = mirror.Version;
        var stamps = new (string, string)[shards.Count];
        var tiles = new HashSet<string>();
        var reached = new List<int>();
        var slackKm = double.PositiveInfinity;
        var i = 0;
        foreach (var shard in shards)
        {
            if (mirror.Of(shard) is not { } copy)
            {
                return null;
            }

            stamps[i++] = (shard, copy.Stamp);
            reached.Clear();
            slackKm = Math.Min(slackKm, TileReach.Measure(zone.Circles, copy.Tiles, copy.WatchKm, reached));
            foreach (var t in reached)
            {
                tiles.Add(copy.Keys[t]);
            }
        }

        return new GrowthReach(shards, stamps, anchors, slackKm, tiles, version);
    }

    /// <summary>
    /// True when the zone now made of <paramref name="anchors"/>, held by <paramref name="shards"/>,
    /// still reaches exactly <see cref="Tiles"/>: same shards and tiles, same anchors, each circle
    /// grown (never shrunk) by less than the slack.
    /// </summary>
    public bool Holds(IReadOnlySet<string> shards, AnchorCircle[] anchors, ShardMirror mirror)
    {
        if (!ReferenceEquals(shards, _shards) || anchors.Length != _measured.Length)
        {
            return false;
        }

        // Read before the stamps: a copy replaced after it moves the version past it again.
        var version = mirror.Version;
        if (version != _mirrorVersion)
        {
            foreach (var (shard, stamp) in _stamps)
            {
                if (mirror.Of(shard)?.Stamp != stamp)
                {
                    return false;
                }
            }

            _mirrorVersion = version;
        }

        for (var i = 0; i < anchors.Length; i++)
        {
            var (now, then) = (anchors[i], _measured[i]);
            var grownKm = now.RadiusKm - then.RadiusKm;
            if (now.Lat != then.Lat || now.Lon != then.Lon || now.At != then.At || grownKm < 0 || grownKm >= _slackKm)
            {
                return false;
            }
        }

        return true;
    }
}
