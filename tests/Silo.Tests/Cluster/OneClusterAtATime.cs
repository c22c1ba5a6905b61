namespace EarlyWarning.Silo.Tests.Cluster;

/// <summary>The cluster.sh tests, one class at a time: each cluster is five or more processes on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class OneClusterAtATime
{
    public const string Name = "cluster.sh";
}
