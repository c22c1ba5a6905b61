using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A zone tick asks each case which countries its zone reaches beyond those it knows; for a zone of
/// one anchor the answer comes from the nearest unknown country, kept between ticks. It must stay the
/// plain rule — a circle reaches a country when its radius is at least the distance — whatever was
/// asked before: another known set, another anchor, a smaller radius.
/// </summary>
public sealed class BorderDistancesTests
{
    // Ohrid (near Albania), Gevgelija (Greece), Kumanovo (Serbia, Kosovo, Bulgaria further off).
    private static readonly GeoPoint[] Anchors = [new(41.117, 20.802), new(41.141, 22.502), new(42.132, 21.714)];

    private static readonly string[][] KnownSets = [[], ["MK"], ["MK", "AL"], ["MK", "GR", "RS"], [.. Countries.Codes]];

    [Fact]
    public void One_anchor_reaches_beyond_exactly_the_countries_within_its_radius()
    {
        var borders = new BorderDistances();
        var random = new Random(20261203);
        var knownSets = KnownSets.Select(k => (IReadOnlySet<string>)k.ToHashSet()).ToArray();
        var distances = Anchors.Select(Countries.DistancesKm).ToArray();
        var checkedCrossings = 0;

        // Questions in a shuffled order, so that each one follows every kind of earlier question.
        for (var i = 0; i < 3_000; i++)
        {
            var a = random.Next(Anchors.Length);
            var known = knownSets[random.Next(knownSets.Length)];
            var radiusKm = random.NextDouble() * 250;
            var anchor = new AnchorCircle(Anchors[a].Lat, Anchors[a].Lon, DateTimeOffset.UnixEpoch, radiusKm);

            string[] expected = [.. Countries.Codes.Where((code, c) => radiusKm >= distances[a][c] && !known.Contains(code))];
            Assert.Equal(expected, borders.ReachedBeyond([anchor], known));
            checkedCrossings += expected.Length > 0 ? 1 : 0;
        }

        // The sweep met both answers often.
        Assert.InRange(checkedCrossings, 300, 2_700);
    }

    [Fact]
    public void A_radius_exactly_at_a_border_reaches_it()
    {
        var borders = new BorderDistances();
        var ohrid = Anchors[0];
        var toAlbania = Countries.DistancesKm(ohrid)[Countries.Codes.ToList().IndexOf("AL")];
        IReadOnlySet<string> known = new HashSet<string> { "MK" };

        Assert.Empty(borders.ReachedBeyond([new AnchorCircle(ohrid.Lat, ohrid.Lon, DateTimeOffset.UnixEpoch, Math.BitDecrement(toAlbania))], known));
        Assert.Contains("AL", borders.ReachedBeyond([new AnchorCircle(ohrid.Lat, ohrid.Lon, DateTimeOffset.UnixEpoch, toAlbania)], known));
    }
}
