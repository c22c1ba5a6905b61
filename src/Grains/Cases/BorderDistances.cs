using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// How far each of a case's anchors lies from each country (<see cref="Countries.DistancesKm"/>),
/// worked out once per anchor and kept by the case's activation: a zone's anchors change with a
/// verified sighting, its radii with every tick. A circle reaches a country when its radius is at
/// least that distance, so the tick's border test is a comparison per anchor and country; building
/// the zone's polygon and testing it against every outline allocated ~64 KB a case a tick.
/// </summary>
internal sealed class BorderDistances
{
    private readonly Dictionary<(double Lat, double Lon), double[]> _byAnchor = [];
    private readonly IReadOnlyList<string> _codes = Countries.Codes;

    // For a zone of one anchor (most cases): the known countries and anchor of the last question,
    // and how near the nearest other country lies. A tick then compares one radius with it, without
    // walking the anchors' distances and the known set (cold memory for a thousand cases a tick).
    private (IReadOnlySet<string> Known, double Lat, double Lon, double Km)? _nearestBeyond;

    /// <summary>The countries some circle of <paramref name="anchors"/> reaches, in the outlines' order.</summary>
    public IEnumerable<string> Reached(IReadOnlyList<AnchorCircle> anchors)
    {
        var reached = new bool[_codes.Count];
        foreach (var anchor in anchors)
        {
            var distances = DistancesFrom(anchor);
            for (var i = 0; i < distances.Length; i++)
            {
                reached[i] |= anchor.RadiusKm >= distances[i];
            }
        }

        return _codes.Where((_, i) => reached[i]);
    }

    /// <summary>
    /// The countries some circle of <paramref name="anchors"/> reaches that are not in
    /// <paramref name="known"/>, in the outlines' order; none (and nothing allocated) on most ticks.
    /// <paramref name="known"/> is taken as fixed (the ticker's bases make a new set for new
    /// countries): for one anchor the answer is kept per set, by reference.
    /// </summary>
    public string[] ReachedBeyond(IReadOnlyList<AnchorCircle> anchors, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count == 1)
        {
            var only = anchors[0];
            if (_nearestBeyond is not { } nearest || !ReferenceEquals(nearest.Known, known) || nearest.Lat != only.Lat || nearest.Lon != only.Lon)
            {
                _nearestBeyond = nearest = (known, only.Lat, only.Lon, NearestBeyond(DistancesFrom(only), known));
            }

            if (only.RadiusKm < nearest.Km)
            {
                return [];
            }
        }

        HashSet<string>? fresh = null;
        foreach (var anchor in anchors)
        {
            var distances = DistancesFrom(anchor);
            for (var i = 0; i < distances.Length; i++)
            {
                if (anchor.RadiusKm >= distances[i] && !known.Contains(_codes[i]))
                {
                    (fresh ??= []).Add(_codes[i]);
                }
            }
        }

        return fresh is null ? [] : [.. _codes.Where(fresh.Contains)];
    }

    /// <summary>The distance to the nearest country not in <paramref name="known"/> (infinite when there is none).</summary>
    private double NearestBeyond(double[] distances, IReadOnlySet<string> known)
    {
        var nearest = double.PositiveInfinity;
        for (var i = 0; i < distances.Length; i++)
        {
            if (!known.Contains(_codes[i]))
            {
                nearest = Math.Min(nearest, distances[i]);
            }
        }

        return nearest;
    }

    private double[] DistancesFrom(AnchorCircle anchor)
    {
        var key = (anchor.Lat, anchor.Lon);
        if (!_byAnchor.TryGetValue(key, out var distances))
        {
            _byAnchor[key] = distances = Countries.DistancesKm(new GeoPoint(anchor.Lat, anchor.Lon));
        }

        return distances;
    }
}
