using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>The stored figures of <see cref="ICaseTallyGrain"/>. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.case-tally-state")]
public sealed class CaseTallyState
{
    /// <summary>The highest version the case (or a batch of it) has had; 0: the case never said it exists.</summary>
    [Id(0)] public long CaseVersion { get; set; }

    /// <summary>Where an earlier version stored the subscribers a tile sent their <c>new</c> (whole, on every write): moved into <see cref="Alerted"/> on activation.</summary>
    [Id(1)] public HashSet<string> UnpagedAlertedTo { get; set; } = [];

    /// <summary>Where an earlier version stored <see cref="Delivered"/>'s ids.</summary>
    [Id(2)] public HashSet<string> UnpagedDeliveredTo { get; set; } = [];

    /// <summary>Where an earlier version stored <see cref="Pushed"/>'s ids.</summary>
    [Id(3)] public HashSet<string> UnpagedPushedTo { get; set; } = [];

    /// <summary>Where an earlier version stored <see cref="Acknowledged"/>'s ids.</summary>
    [Id(4)] public HashSet<string> UnpagedAcknowledgedBy { get; set; } = [];

    /// <summary>Delivery latencies (<see cref="LatencyHistogram"/>); null until the first delivery.</summary>
    [Id(5)] public long[]? LatencyBuckets { get; set; }

    /// <summary>Counts the case kept before the tally (<see cref="CaseTallySeed"/>), added to the sets' counts; null when none.</summary>
    [Id(6)] public CaseStats? Legacy { get; set; }

    /// <summary>A seed was taken: later ones are ignored.</summary>
    [Id(7)] public bool Seeded { get; set; }

    /// <summary>The figures over time, oldest first, kept small by <c>FigureHistory</c>; empty for a case that predates it.</summary>
    [Id(8)] public List<TallySample> History { get; set; } = [];

    /// <summary>Subscribers a tile sent their <c>new</c>.</summary>
    [Id(9)] public PagedIds Alerted { get; set; } = new();

    /// <summary>Subscribers whose <c>new</c> a gateway wrote to a live connection.</summary>
    [Id(10)] public PagedIds Delivered { get; set; } = new();

    /// <summary>Subscribers whose <c>new</c> a Web Push service accepted.</summary>
    [Id(11)] public PagedIds Pushed { get; set; } = new();

    /// <summary>Subscribers who acknowledged.</summary>
    [Id(12)] public PagedIds Acknowledged { get; set; } = new();

    /// <summary>After the record is read: the id sets from their pages, and those an earlier version stored whole (stored in pages with the next write).</summary>
    internal async Task LoadIds(SealedPages pages)
    {
        await Alerted.Load(pages, "case-tally-alerted", UnpagedAlertedTo);
        await Delivered.Load(pages, "case-tally-delivered", UnpagedDeliveredTo);
        await Pushed.Load(pages, "case-tally-pushed", UnpagedPushedTo);
        await Acknowledged.Load(pages, "case-tally-acknowledged", UnpagedAcknowledgedBy);
        (UnpagedAlertedTo, UnpagedDeliveredTo, UnpagedPushedTo, UnpagedAcknowledgedBy) = ([], [], [], []);
    }

    /// <summary>Before the record is written: seals the id sets' full pages.</summary>
    internal async Task SealIds(SealedPages pages)
    {
        await Alerted.Seal(pages, "case-tally-alerted");
        await Delivered.Seal(pages, "case-tally-delivered");
        await Pushed.Seal(pages, "case-tally-pushed");
        await Acknowledged.Seal(pages, "case-tally-acknowledged");
    }

    /// <summary>The counts as they stand, stamped <paramref name="at"/>, for <see cref="History"/> (no latency: it costs a pass over the buckets).</summary>
    public TallySample Sample(DateTimeOffset at) => new(
        at,
        (Legacy?.Alerted ?? 0) + Alerted.Count,
        (Legacy?.Delivered ?? 0) + Delivered.Count,
        Acknowledged.Count,
        (Legacy?.Pushed ?? 0) + Pushed.Count);

    /// <summary>The figures as the case and the control room show them.</summary>
    public CaseStats ToStats()
    {
        var latency = new LatencyHistogram(LatencyBuckets);
        return new CaseStats(
            (Legacy?.Alerted ?? 0) + Alerted.Count,
            (Legacy?.Delivered ?? 0) + Delivered.Count,
            Acknowledged.Count,
            latency.Percentile(50),
            latency.Percentile(99),
            (Legacy?.Pushed ?? 0) + Pushed.Count);
    }
}
