using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>The stored figures of <see cref="ICaseTallyGrain"/>. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.case-tally-state")]
public sealed class CaseTallyState
{
    /// <summary>The highest version the case (or a batch of it) has had; 0: the case never said it exists.</summary>
    [Id(0)] public long CaseVersion { get; set; }

    /// <summary>Subscribers a tile sent their <c>new</c>.</summary>
    [Id(1)] public HashSet<string> AlertedTo { get; set; } = [];

    /// <summary>Subscribers whose <c>new</c> a gateway wrote to a live connection.</summary>
    [Id(2)] public HashSet<string> DeliveredTo { get; set; } = [];

    /// <summary>Subscribers whose <c>new</c> a Web Push service accepted.</summary>
    [Id(3)] public HashSet<string> PushedTo { get; set; } = [];

    /// <summary>Subscribers who acknowledged.</summary>
    [Id(4)] public HashSet<string> AcknowledgedBy { get; set; } = [];

    /// <summary>Delivery latencies (<see cref="LatencyHistogram"/>); null until the first delivery.</summary>
    [Id(5)] public long[]? LatencyBuckets { get; set; }

    /// <summary>Counts the case kept before the tally (<see cref="CaseTallySeed"/>), added to the sets' counts; null when none.</summary>
    [Id(6)] public CaseStats? Legacy { get; set; }

    /// <summary>A seed was taken: later ones are ignored.</summary>
    [Id(7)] public bool Seeded { get; set; }

    /// <summary>The figures over time, oldest first, kept small by <c>FigureHistory</c>; empty for a case that predates it.</summary>
    [Id(8)] public List<TallySample> History { get; set; } = [];

    /// <summary>The counts as they stand, stamped <paramref name="at"/>, for <see cref="History"/> (no latency: it costs a pass over the buckets).</summary>
    public TallySample Sample(DateTimeOffset at) => new(
        at,
        (Legacy?.Alerted ?? 0) + AlertedTo.Count,
        (Legacy?.Delivered ?? 0) + DeliveredTo.Count,
        AcknowledgedBy.Count,
        (Legacy?.Pushed ?? 0) + PushedTo.Count);

    /// <summary>The figures as the case and the control room show them.</summary>
    public CaseStats ToStats()
    {
        var latency = new LatencyHistogram(LatencyBuckets);
        return new CaseStats(
            (Legacy?.Alerted ?? 0) + AlertedTo.Count,
            (Legacy?.Delivered ?? 0) + DeliveredTo.Count,
            AcknowledgedBy.Count,
            latency.Percentile(50),
            latency.Percentile(99),
            (Legacy?.Pushed ?? 0) + PushedTo.Count);
    }
}
