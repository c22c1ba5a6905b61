using CsCheck;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

public sealed class ZoneReplayTests
{
    private static readonly DateTimeOffset LastSeen = new(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Opened = LastSeen.AddMinutes(20);

    private readonly ZonePolicy _policy = new();

    [Fact]
    public void A_zone_with_one_anchor_grows_by_the_growth_rule_and_stops_at_the_largest_radius()
    {
        KnownAnchor[] anchors = [new(new ZoneAnchor(NorthMacedonia.Skopje, LastSeen), Opened)];
        var end = LastSeen.AddHours(20);

        var frames = ZoneReplay.Frames(anchors, TravelMode.Walking, _policy, Opened, end);

        // Start, the hour the walking radius reaches 50 km ((50 - 1) / 5 h = 9.8 h), end.
        Assert.Equal([Opened, LastSeen.AddHours(9.8), end], frames.Select(f => f.At));
        Assert.Equal(1 + (5 * 20 / 60.0), frames[0].Zone.MaxRadiusKm, 9);
        Assert.Equal(50, frames[1].Zone.MaxRadiusKm, 9);
        Assert.Equal(50, frames[2].Zone.MaxRadiusKm, 9);
    }

    [Fact]
    public void A_verified_sighting_re_centres_the_zone_from_its_verification_and_the_old_anchor_retires_later()
    {
        var sighting = new ZoneAnchor(NorthMacedonia.Tetovo, LastSeen.AddMinutes(50));
        var verifiedAt = LastSeen.AddMinutes(55);
        KnownAnchor[] anchors = [new(new ZoneAnchor(NorthMacedonia.Skopje, LastSeen), Opened), new(sighting, verifiedAt)];

        var frames = ZoneReplay.Frames(anchors, TravelMode.Walking, _policy, Opened, LastSeen.AddHours(2));

        var beforeVerify = frames.Last(f => f.At < verifiedAt);
        Assert.Equal(verifiedAt - TimeSpan.FromTicks(1), beforeVerify.At);
        Assert.Equal([NorthMacedonia.Skopje], beforeVerify.Anchors.Select(a => a.Point));
        var atVerify = frames.Single(f => f.At == verifiedAt);
        Assert.Equal([NorthMacedonia.Skopje, NorthMacedonia.Tetovo], atVerify.Anchors.Select(a => a.Point));
        Assert.Equal(1 + (5 * 5 / 60.0), atVerify.Zone.Circles[1].RadiusKm, 9);

        // The last-seen anchor retires 30 min after the sighting's own time, not its verification.
        var retired = frames.First(f => f.Anchors.Count == 1 && f.At > verifiedAt);
        Assert.Equal(sighting.At + _policy.AnchorRetireAfter, retired.At);
        Assert.Equal([NorthMacedonia.Tetovo], retired.Anchors.Select(a => a.Point));
    }

    [Fact]
    public void A_sighting_verified_after_the_retire_time_retires_the_old_anchor_at_once()
    {
        var sighting = new ZoneAnchor(NorthMacedonia.Tetovo, LastSeen.AddMinutes(30));
        var verifiedAt = LastSeen.AddHours(2);
        KnownAnchor[] anchors = [new(new ZoneAnchor(NorthMacedonia.Skopje, LastSeen), Opened), new(sighting, verifiedAt)];

        var frames = ZoneReplay.Frames(anchors, TravelMode.Bicycle, _policy, Opened, LastSeen.AddHours(3));

        Assert.Equal([NorthMacedonia.Tetovo], frames.Single(f => f.At == verifiedAt).Anchors.Select(a => a.Point));
        Assert.All(frames.Where(f => f.At < verifiedAt), f => Assert.Equal([NorthMacedonia.Skopje], f.Anchors.Select(a => a.Point)));
    }

    [Fact]
    public void No_frame_comes_before_the_first_anchor_is_known()
    {
        KnownAnchor[] anchors = [new(new ZoneAnchor(NorthMacedonia.Skopje, LastSeen), Opened)];

        var frames = ZoneReplay.Frames(anchors, TravelMode.Vehicle, _policy, LastSeen, Opened.AddHours(1));

        Assert.Equal(Opened, frames[0].At);
        Assert.Null(ZoneReplay.FrameAt(anchors, TravelMode.Vehicle, _policy, Opened - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Interpolating_consecutive_frames_with_the_same_anchors_gives_the_zone_at_any_instant()
    {
        var anchor = Gen.Select(NorthMacedonia.Point, Gen.Int[0, 600], Gen.Int[0, 30],
            (point, minutes, lateMinutes) => new KnownAnchor(new ZoneAnchor(point, Opened.AddMinutes(minutes)), Opened.AddMinutes(minutes + lateMinutes)));
        var gen =
            from sightings in anchor.Array[0, 4]
            from mode in Gen.Enum<TravelMode>()
            from spanMinutes in Gen.Int[1, 24 * 60]
            from fraction in Gen.Double[0, 1]
            select (sightings, mode, spanMinutes, fraction);

        gen.Sample(s =>
        {
            KnownAnchor[] anchors = [new(new ZoneAnchor(NorthMacedonia.Skopje, LastSeen), Opened), .. s.sightings];
            var end = Opened.AddMinutes(s.spanMinutes);
            var frames = ZoneReplay.Frames(anchors, s.mode, _policy, Opened, end);
            var t = Opened + ((end - Opened) * s.fraction);

            var expected = ZoneReplay.FrameAt(anchors, s.mode, _policy, t)!;
            var (anchorsAt, radiiAt) = Interpolate(frames, t);

            Assert.Equal(expected.Anchors, anchorsAt);
            // A tolerance, not rounding: two values a float step apart can round to either side of a digit.
            Assert.Equal(expected.Zone.Circles.Count, radiiAt.Length);
            Assert.All(expected.Zone.Circles.Zip(radiiAt), p => Assert.Equal(p.First.RadiusKm, p.Second, 1e-6));
            Assert.True(frames.Zip(frames.Skip(1)).All(p => p.First.At <= p.Second.At), "frames in time order");
        });
    }

    /// <summary>What a player shows at <paramref name="t"/>: the last frame by then, grown linearly towards the next when it has the same anchors.</summary>
    private static (IReadOnlyList<ZoneAnchor> Anchors, double[] RadiiKm) Interpolate(IReadOnlyList<ZoneFrame> frames, DateTimeOffset t)
    {
        var i = frames.Count - 1;
        while (frames[i].At > t)
        {
            i--;
        }

        var frame = frames[i];
        var radii = frame.Zone.Circles.Select(c => c.RadiusKm).ToArray();
        if (i + 1 < frames.Count && frames[i + 1].Anchors.SequenceEqual(frame.Anchors) && frames[i + 1].At > frame.At)
        {
            var next = frames[i + 1];
            var share = (t - frame.At) / (next.At - frame.At);
            radii = [.. radii.Select((r, k) => r + ((next.Zone.Circles[k].RadiusKm - r) * share))];
        }

        return (frame.Anchors, radii);
    }
}
