namespace EarlyWarning.Workload.Subscribers;

/// <summary>The fraction of clustered subscribers placed around one town, or over the countryside.</summary>
/// <param name="Name">The town's name, or <see cref="ClusteredPlacement.Countryside"/>.</param>
/// <param name="Share">Between 0 and 1; the shares sum to 1.</param>
public sealed record PlacementShare(string Name, double Share);
