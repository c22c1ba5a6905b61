namespace EarlyWarning.Workload.Subscribers;

/// <summary>How the benchmark subscribers are spread over the country.</summary>
public enum SubscriberDistribution
{
    /// <summary>Evenly over the bounding box: the worst case for a grid, the easiest to reason about.</summary>
    Uniform,

    /// <summary>Around the towns by population, as real subscribers are.</summary>
    Clustered,
}
