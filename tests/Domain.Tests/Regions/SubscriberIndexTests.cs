using CsCheck;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Regions;

public sealed class SubscriberIndexTests
{
    private static readonly TileKey SkopjeTile = TileKey.FromPoint(NorthMacedonia.Skopje, 11);

    /// <summary>A subscriber somewhere in the Skopje tile, watching 0–12 km.</summary>
    private static readonly Gen<IndexedSubscriber> InTile =
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 12], Gen.Bool, Gen.Int[0, 1_000_000])
            .Select((north, east, watchKm, field, n) => new IndexedSubscriber(
                $"s{n}",
                SkopjeTile.SouthLat + (north * (SkopjeTile.NorthLat - SkopjeTile.SouthLat)),
                SkopjeTile.WestLon + (east * (SkopjeTile.EastLon - SkopjeTile.WestLon)),
                watchKm,
                field ? SubscriberKind.Field : SubscriberKind.Public,
                "mk"));

    /// <summary>One to three circles near the tile, from a few hundred metres to 40 km.</summary>
    private static readonly Gen<Zone> NearTile =
        Gen.Select(Gen.Double[-0.3, 0.3], Gen.Double[-0.3, 0.3], Gen.Double[0.2, 40])
            .Select((dLat, dLon, radiusKm) => new GeoCircle(new GeoPoint(NorthMacedonia.Skopje.Lat + dLat, NorthMacedonia.Skopje.Lon + dLon), radiusKm))
            .Array[1, 3]
            .Select(circles => new Zone(circles));

    [Fact]
    public void Matching_through_the_grid_finds_exactly_what_checking_every_subscriber_finds()
    {
        Gen.Select(InTile.Array[0, 300], NearTile, Gen.Bool).Sample((subscribers, zone, isPublic) =>
        {
            var level = isPublic ? CaseLevel.Public : CaseLevel.Internal;
            var unique = subscribers.DistinctBy(s => s.Id).ToArray();
            var index = SubscriberIndex.For(SkopjeTile);
            foreach (var s in unique)
            {
                index.Upsert(s);
            }

            var found = new List<ZoneMatch>();
            index.Match(zone, level, found);

            var points = unique.Select(s => new WatchedPoint(new GeoPoint(s.Lat, s.Lon), s.WatchRadiusKm, s.Kind)).ToArray();
            var expected = ZoneMatcher.Match(points, zone, level)
                .ToDictionary(m => unique[m.Index].Id, m => m.DistanceKm);
            var actual = found.ToDictionary(m => index[m.Index].Id, m => m.DistanceKm);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key], 6));
        });
    }

    [Fact]
    public void Moves_and_removals_leave_exactly_the_subscribers_last_placed()
    {
        var operation = Gen.Select(InTile, Gen.Int[0, 3]).Select((s, kind) => (Subscriber: s with { Id = $"s{s.Id.Length % 7}{s.Id[^1]}" }, Remove: kind == 0));
        operation.Array[1, 200].Sample(operations =>
        {
            var index = SubscriberIndex.For(SkopjeTile);
            var model = new Dictionary<string, IndexedSubscriber>();
            foreach (var (subscriber, remove) in operations)
            {
                if (remove)
                {
                    Assert.Equal(model.Remove(subscriber.Id), index.Remove(subscriber.Id));
                }
                else
                {
                    model[subscriber.Id] = subscriber;
                    index.Upsert(subscriber);
                }
            }

            Assert.Equal(model.Count, index.Count);
            Assert.Equal(model.Values.OrderBy(s => s.Id), index.All().OrderBy(s => s.Id));
            Assert.All(model.Values, s => Assert.True(index.TryGet(s.Id, out var held) && held == s));

            // After all that shuffling, a zone over the whole tile still reaches everyone, once.
            var found = new List<ZoneMatch>();
            index.Match(new Zone([new GeoCircle(NorthMacedonia.Skopje, 60)]), CaseLevel.Public, found);
            Assert.Equal(model.Keys.Order(), found.Select(m => index[m.Index].Id).Order());
        });
    }

    [Fact]
    public void A_cell_inside_the_zone_is_taken_whole_at_distance_zero_and_an_internal_case_skips_the_public()
    {
        var index = SubscriberIndex.For(SkopjeTile);
        index.Upsert(new IndexedSubscriber("field", NorthMacedonia.Skopje.Lat, NorthMacedonia.Skopje.Lon, 0, SubscriberKind.Field, "mk"));
        index.Upsert(new IndexedSubscriber("public", NorthMacedonia.Skopje.Lat + 0.001, NorthMacedonia.Skopje.Lon, 0, SubscriberKind.Public, "sq"));
        var zone = new Zone([new GeoCircle(NorthMacedonia.Skopje, 5)]);

        var found = new List<ZoneMatch>();
        index.Match(zone, CaseLevel.Internal, found);

        var match = Assert.Single(found);
        Assert.Equal("field", index[match.Index].Id);
        Assert.Equal(0, match.DistanceKm);
    }

    [Fact]
    public void Subscribers_share_one_instance_of_each_supported_language_code()
    {
        var index = SubscriberIndex.For(SkopjeTile);
        var skopje = NorthMacedonia.Skopje;
        // As read from storage or the wire: a fresh string each time.
        index.Upsert(new IndexedSubscriber("a", skopje.Lat, skopje.Lon, 1, SubscriberKind.Public, new string(['s', 'q'])));
        index.Upsert(new IndexedSubscriber("b", skopje.Lat, skopje.Lon, 1, SubscriberKind.Public, new string(['s', 'q'])));

        Assert.True(index.TryGet("a", out var a) && index.TryGet("b", out var b) && ReferenceEquals(a.Language, b.Language));
        Assert.Equal("sq", a.Language);
    }
}
