namespace EarlyWarning.Workload.Subscribers;

/// <summary>The lower-case names of <see cref="SubscriberDistribution"/> used in CSV files and on command lines.</summary>
public static class SubscriberDistributionText
{
    /// <summary>"uniform" or "clustered".</summary>
    public static string ToText(this SubscriberDistribution distribution) => distribution switch
    {
        SubscriberDistribution.Uniform => "uniform",
        SubscriberDistribution.Clustered => "clustered",
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, null),
    };

    /// <summary>The distribution named <paramref name="text"/> (case-insensitive).</summary>
    public static SubscriberDistribution Parse(string text) =>
        Enum.TryParse<SubscriberDistribution>(text, ignoreCase: true, out var distribution) && Enum.IsDefined(distribution)
            ? distribution
            : throw new ArgumentException($"Unknown distribution '{text}': expected uniform or clustered.", nameof(text));
}
