using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// One case's grown zone within a <see cref="ZoneTicker"/> tick, between the pass that computes it
/// and the calls that push it: the directory shards it goes to, and each shard's answer.
/// </summary>
internal sealed class GrowthPush
{
    public GrowthPush(GrowthCard card, GrowthBasis basis, ZoneSnapshot zone, Zone domainZone, IReadOnlySet<string> reached)
    {
        (Card, Basis, Zone, DomainZone) = (card, basis, zone, domainZone);
        Used = basis with { Version = zone.Version, Shards = reached };
        Shards = ReferenceEquals(reached, basis.Shards) ? [.. reached] : [.. basis.Shards.Union(reached)];
        Answers = new string[Shards.Length][];
    }

    public GrowthCard Card { get; }

    public GrowthBasis Basis { get; }

    public ZoneSnapshot Zone { get; }

    public Zone DomainZone { get; }

    /// <summary>The basis once this push is made: its version is used as soon as any shard hears it.</summary>
    public GrowthBasis Used { get; }

    /// <summary>The shards it reaches and those it reached (which drop it once it has left them).</summary>
    public string[] Shards { get; }

    /// <summary>Each shard's answer (the tiles of it the zone can reach), in <see cref="Shards"/> order.</summary>
    public string[][] Answers { get; }

    /// <summary>Why a shard did not answer; the push is then dropped, and the next tick tries again.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every tile the zone can reach, as the shards answered.</summary>
    public HashSet<string> Tiles()
    {
        var tiles = new HashSet<string>();
        foreach (var answer in Answers)
        {
            tiles.UnionWith(answer);
        }

        return tiles;
    }
}
