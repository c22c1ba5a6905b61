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

    /// <summary>
    /// A subscriber somewhere in the Skopje tile, watching 0–12 km, with a gateway id or a plain one,
    /// opted in to exercises or not.
    /// </summary>
    private static readonly Gen<IndexedSubscriber> InTile =
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 12], Gen.Bool, Gen.Int[0, 1_000_000], Gen.Bool)
            .Select((north, east, watchKm, field, n, exercises) => new IndexedSubscriber(
                IdFor(n),
                SkopjeTile.SouthLat + (north * (SkopjeTile.NorthLat - SkopjeTile.SouthLat)),
                SkopjeTile.WestLon + (east * (SkopjeTile.EastLon - SkopjeTile.WestLon)),
                watchKm,
                field ? SubscriberKind.Field : SubscriberKind.Public,
                "mk",
                Exercises: exercises));

    /// <summary>One to three circles near the tile, from a few hundred metres to 40 km.</summary>
    private static readonly Gen<Zone> NearTile =
        Gen.Select(Gen.Double[-0.3, 0.3], Gen.Double[-0.3, 0.3], Gen.Double[0.2, 40])
            .Select((dLat, dLon, radiusKm) => new GeoCircle(new GeoPoint(NorthMacedonia.Skopje.Lat + dLat, NorthMacedonia.Skopje.Lon + dLon), radiusKm))
            .Array[1, 3]
            .Select(circles => new Zone(circles));

    [Fact]
    public void Matching_through_the_grid_finds_exactly_what_checking_every_subscriber_finds()
    {
        Gen.Select(InTile.Array[0, 300], NearTile, Gen.Bool, Gen.Bool).Sample((subscribers, zone, isPublic, exercise) =>
        {
            var level = isPublic ? CaseLevel.Public : CaseLevel.Internal;
            var unique = subscribers.DistinctBy(s => s.Id).ToArray();
            var index = SubscriberIndex.For(SkopjeTile);
            foreach (var s in unique)
            {
                index.Upsert(s);
            }

            var found = new List<ZoneMatch>();
            index.Match(zone, level, found, exercise);

            var points = unique.Select(s => new WatchedPoint(new GeoPoint(s.Lat, s.Lon), s.WatchRadiusKm, s.Kind, s.Exercises)).ToArray();
            var expected = ZoneMatcher.Match(points, zone, level, exercise)
                .ToDictionary(m => unique[m.Index].Id, m => m.DistanceKm);
            var actual = found.ToDictionary(m => index[m.Index].Id, m => m.DistanceKm);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key], 6));
        });
    }

    [Fact]
    public void Moves_and_removals_leave_exactly_the_subscribers_last_placed()
    {
        // Ids from a pool of 20, so the same subscribers come back, move and go.
        var operation = Gen.Select(InTile, Gen.Int[0, 19], Gen.Int[0, 3]).Select((s, n, kind) => (Subscriber: s with { Id = IdFor(n) }, Remove: kind == 0));
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
    public void Thousands_of_arrivals_and_departures_leave_every_remaining_id_findable()
    {
        // Enough ids to grow the id table several times and to make long probe runs that removals must mend.
        Gen.Select(Gen.Int[0, 2_999], Gen.Bool).Array[500, 4_000].Sample(operations =>
        {
            var index = SubscriberIndex.For(SkopjeTile);
            var model = new HashSet<string>();
            var skopje = NorthMacedonia.Skopje;
            foreach (var (n, remove) in operations)
            {
                var id = IdFor(n);
                if (remove)
                {
                    Assert.Equal(model.Remove(id), index.Remove(id));
                }
                else
                {
                    model.Add(id);
                    index.Upsert(new IndexedSubscriber(id, skopje.Lat, skopje.Lon, 1, SubscriberKind.Public, "mk"));
                }
            }

            Assert.Equal(model.Count, index.Count);
            Assert.All(model, id => Assert.True(index.TryGetSlot(id, out var slot) && index[slot].Id == id));
            Assert.All(Enumerable.Range(0, 3_000).Select(IdFor).Where(id => !model.Contains(id)), id => Assert.False(index.TryGetSlot(id, out _)));
        }, iter: 20);
    }

    [Fact]
    public void A_subscriber_placed_with_a_gateway_id_comes_back_with_that_id_from_every_read()
    {
        var index = IndexHolding(GatewayId);

        var found = new List<ZoneMatch>();
        index.Match(new Zone([new GeoCircle(NorthMacedonia.Skopje, 1)]), CaseLevel.Public, found);

        Assert.Equal(GatewayId, index[Assert.Single(found).Index].Id);
        Assert.Equal(GatewayId, Assert.Single(index.All()).Id);
        Assert.True(index.TryGetCell(GatewayId, out var cell));
        Assert.Equal(GatewayId, Assert.Single(index.InCell(cell)).Id);
        Assert.True(index.Remove(GatewayId));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void An_alerted_subscriber_keeps_one_id_text_until_it_is_forgotten()
    {
        var index = IndexHolding(GatewayId);
        Assert.True(index.TryGetSlot(GatewayId, out var slot));

        var first = index[slot].Id;
        Assert.Same(first, index[slot].Id);
        Assert.Same(first, Assert.Single(index.All()).Id);

        index.ForgetIdText(GatewayId);
        var again = index[slot].Id;
        Assert.Equal(GatewayId, again);
        Assert.NotSame(first, again);
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
    [Trait("Category", "Safeguarding")]
    public void An_exercise_matches_only_subscribers_opted_in_to_exercises_and_the_flag_survives_every_read()
    {
        var index = SubscriberIndex.For(SkopjeTile);
        var skopje = NorthMacedonia.Skopje;
        index.Upsert(new IndexedSubscriber("ordinary", skopje.Lat, skopje.Lon, 1, SubscriberKind.Public, "mk"));
        index.Upsert(new IndexedSubscriber("drilled", skopje.Lat + 0.001, skopje.Lon, 1, SubscriberKind.Public, "mk", Exercises: true));
        index.Upsert(new IndexedSubscriber("team", skopje.Lat, skopje.Lon + 0.001, 1, SubscriberKind.Field, "mk", Push: true, Exercises: true));
        var zone = new Zone([new GeoCircle(skopje, 5)]);

        var real = new List<ZoneMatch>();
        index.Match(zone, CaseLevel.Public, real);
        var drill = new List<ZoneMatch>();
        index.Match(zone, CaseLevel.Public, drill, exercise: true);

        Assert.Equal(["drilled", "ordinary", "team"], real.Select(m => index[m.Index].Id).Order());
        Assert.Equal(["drilled", "team"], drill.Select(m => index[m.Index].Id).Order());
        Assert.True(index.TryGet("team", out var team) && team.Exercises && team.Push);
        Assert.True(index.TryGet("ordinary", out var ordinary) && !ordinary.Exercises);
        Assert.True(index.TryGetSlot("drilled", out var slot) && index.ExercisesAt(slot));
        Assert.Contains(index.All(), s => s.Id == "drilled" && s.Exercises);

        // Moving keeps the flag; an upsert without it opts the subscriber out again.
        index.Upsert(new IndexedSubscriber("drilled", skopje.Lat, skopje.Lon + 0.002, 1, SubscriberKind.Public, "mk", Exercises: true));
        Assert.True(index.TryGet("drilled", out var moved) && moved.Exercises);
        index.Upsert(new IndexedSubscriber("drilled", skopje.Lat, skopje.Lon + 0.002, 1, SubscriberKind.Public, "mk"));
        drill.Clear();
        index.Match(zone, CaseLevel.Public, drill, exercise: true);
        Assert.Equal(["team"], drill.Select(m => index[m.Index].Id));
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

    private const string GatewayId = "s-019ad2c4f3b07e1a9c0d5e6f7a8b9c0d";

    private static SubscriberIndex IndexHolding(string id)
    {
        var index = SubscriberIndex.For(SkopjeTile);
        index.Upsert(new IndexedSubscriber(id, NorthMacedonia.Skopje.Lat, NorthMacedonia.Skopje.Lon, 2.5, SubscriberKind.Public, "en"));
        return index;
    }

    // Half the ids in the form the gateway writes (held as numbers), half plain (held as text).
    private static string IdFor(int n) => n % 2 == 0 ? $"s-{n:x32}" : $"s{n}";
}
