using System.Globalization;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A silo of its own whose tiles send at most <see cref="MaxRecipients"/> recipients in a batch,
/// so a handful of subscribers shows how a crowded tile's version goes out in parts; its storage
/// lets a test watch the writes (<see cref="FaultyStorageCluster.Faults"/>).
/// </summary>
public sealed class SmallBatchCluster : FaultyStorageCluster
{
    /// <summary><c>Regions:MaxBatchRecipients</c> here.</summary>
    public const int MaxRecipients = 2;

    /// <inheritdoc />
    protected override TimeSpan WakeUpPeriod => TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Regions:MaxBatchRecipients", MaxRecipients.ToString(CultureInfo.InvariantCulture))];
}

/// <summary>Tests on the <see cref="SmallBatchCluster"/> run one at a time, apart from the shared cluster.</summary>
[CollectionDefinition(Name)]
public sealed class SmallBatchSilo : ICollectionFixture<SmallBatchCluster>
{
    public const string Name = "Small batches";
}
