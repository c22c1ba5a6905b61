using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// One case's grown zone within a <see cref="ZoneTicker"/> tick, between the pass that computes it
/// and the calls that push it: the directory shards it goes to, each shard's answer, and the
/// countries it reaches first.
/// </summary>
internal sealed class GrowthPush
{
    public GrowthPush(GrowthCard card, GrowthBasis basis, ZoneSnapshot zone, Zone domainZone, IReadOnlySet<string> reached, string[] crossed, IReadOnlySet<string>? reachedTiles)
    {
        (Card, Basis, Zone, DomainZone, Crossed, ReachedTiles) = (card, basis, zone, domainZone, crossed, reachedTiles);
        ReachedShards = reached;
        Shards = !Publishes ? [] : ReferenceEquals(reached, basis.Shards) ? [.. reached] : [.. basis.Shards.Union(reached)];
        Answers = Shards.Length == 0 ? [] : new string[Shards.Length][];
    }

    public GrowthCard Card { get; }

    public GrowthBasis Basis { get; }

    public ZoneSnapshot Zone { get; }

    public Zone DomainZone { get; }

    /// <summary>The countries the zone reaches that the case had not (most pushes: none).</summary>
    public string[] Crossed { get; }

    /// <summary>The directory shards the zone reaches.</summary>
    public IReadOnlySet<string> ReachedShards { get; }

    /// <summary>
    /// The basis once a shard or tile has heard this push but it was not made: its version is used.
    /// Its countries are those of the basis (a crossing not listed is found again next tick).
    /// </summary>
    public GrowthBasis Used => Basis with { Version = Zone.Version, Shards = ReachedShards };

    /// <summary>
    /// The tiles the zone reaches, measured against the silo's copy of its shards' tiles; null when
    /// the zone reaches a shard new to it (or one the silo has no copy of), so the push is published
    /// to the shards, which answer the tiles.
    /// </summary>
    public IReadOnlySet<string>? ReachedTiles { get; }

    /// <summary>The push goes to the directory shards first (<see cref="ReachedTiles"/> is null).</summary>
    public bool Publishes => ReachedTiles is null;

    /// <summary>When it <see cref="Publishes"/>: the shards it reaches and those it reached (which drop it once it has left them).</summary>
    public string[] Shards { get; }

    /// <summary>Each shard's answer (the tiles of it the zone can reach), in <see cref="Shards"/> order.</summary>
    public string[][] Answers { get; }

    /// <summary>Why a shard did not answer; the push is then dropped, and the next tick tries again.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every tile the zone can reach: as measured, or as the shards answered.</summary>
    public IReadOnlySet<string> Tiles()
    {
        if (ReachedTiles is { } reached)
        {
            return reached;
        }

        var tiles = new HashSet<string>();
        foreach (var answer in Answers)
        {
            tiles.UnionWith(answer);
        }

        return tiles;
    }
}
