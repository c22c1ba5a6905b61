namespace EarlyWarning.Domain.Cases;

/// <summary>
/// A case's zone over a span of time, as few frames as replay needs: a frame at the start and the
/// end and wherever the zone's shape stops being linear in time — an anchor becoming known, an
/// anchor retiring, a circle reaching its travel mode's largest radius. Between two consecutive
/// frames with the same anchors every radius grows linearly (<see cref="ZoneGrowth"/>), so a player
/// interpolates them exactly; where the anchors change, the frame just before the change (one tick
/// earlier) is given too, so the growth up to it is not lost.
/// </summary>
public static class ZoneReplay
{
    /// <summary>
    /// The frames from <paramref name="from"/> to <paramref name="to"/>, in time order. An anchor
    /// counts from its <see cref="KnownAnchor.KnownAt"/>; one known before <paramref name="from"/>
    /// (the last-seen point) counts from the start.
    /// </summary>
    public static IReadOnlyList<ZoneFrame> Frames(
        IReadOnlyCollection<KnownAnchor> anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(policy);
        if (to < from)
        {
            throw new ArgumentException("The span ends before it starts.", nameof(to));
        }

        // Nothing is drawn before the first anchor is known.
        var start = anchors.Count == 0 ? to : anchors.Min(a => a.KnownAt) > from ? anchors.Min(a => a.KnownAt) : from;
        var frames = new List<ZoneFrame>();
        if (anchors.Count == 0)
        {
            return frames;
        }

        foreach (var at in Breakpoints(anchors, mode, policy, start, to))
        {
            var after = FrameAt(anchors, mode, policy, at);
            if (after is null)
            {
                continue;
            }

            if (at > start && FrameAt(anchors, mode, policy, at - TimeSpan.FromTicks(1)) is { } before
                && !before.Anchors.SequenceEqual(after.Anchors))
            {
                frames.Add(before);
            }

            frames.Add(after);
        }

        return frames;
    }

    /// <summary>The zone at <paramref name="at"/> from the anchors known by then; null before any is.</summary>
    public static ZoneFrame? FrameAt(IEnumerable<KnownAnchor> anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var known = anchors.Where(a => a.KnownAt <= at).Select(a => a.Anchor).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var live = Zone.LiveAnchors(known, policy, at);
        return new ZoneFrame(at, live, Zone.Compute(live, mode, policy, at));
    }

    private static IEnumerable<DateTimeOffset> Breakpoints(
        IReadOnlyCollection<KnownAnchor> anchors, TravelMode mode, ZonePolicy policy, DateTimeOffset from, DateTimeOffset to)
    {
        var speedKmh = policy.SpeedKmh(mode);
        var toLargest = speedKmh > 0 ? TimeSpan.FromHours(Math.Max(0, policy.MaxRadiusKm(mode) - policy.BaseRadiusKm) / speedKmh) : TimeSpan.Zero;
        var times = new SortedSet<DateTimeOffset> { from, to };
        var oldest = anchors.Min(a => a.Anchor.At);
        foreach (var (anchor, knownAt) in anchors)
        {
            times.Add(knownAt);
            times.Add(anchor.At + toLargest);
            if (anchor.At > oldest)
            {
                // An anchor retires AnchorRetireAfter after its successor's time.
                times.Add(anchor.At + policy.AnchorRetireAfter);
            }
        }

        return times.Where(t => t >= from && t <= to);
    }
}
