using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A silo of its own whose grain storage fails the writes a test names (<see cref="Faults"/>), with
/// the wake-up reminder every 2 s so a test can watch it retry.
/// </summary>
public class FaultyStorageCluster : ClusterFixture
{
    /// <summary>The writes failing now.</summary>
    public StorageFaults Faults { get; } = new();

    /// <inheritdoc />
    protected override TimeSpan WakeUpPeriod => TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.Services.AddGrainStorage(StorageNames.Default, (services, _) =>
            Faults.Wrap(ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services)));
        silo.UseInMemoryReminderService();
    }
}

/// <summary>Tests on the <see cref="FaultyStorageCluster"/> run one at a time, apart from the shared cluster.</summary>
[CollectionDefinition(Name)]
public sealed class FaultyStorage : ICollectionFixture<FaultyStorageCluster>
{
    public const string Name = "Faulty storage";
}

/// <summary>The <see cref="FaultyStorageCluster"/> with the reminder an hour away: only the test's own calls retry.</summary>
public sealed class FaultyStorageWithoutReminderCluster : FaultyStorageCluster
{
    /// <inheritdoc />
    protected override TimeSpan WakeUpPeriod => TimeSpan.FromHours(1);
}

/// <summary>Tests on the <see cref="FaultyStorageWithoutReminderCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FaultyStorageWithoutReminder : ICollectionFixture<FaultyStorageWithoutReminderCluster>
{
    public const string Name = "Faulty storage, no reminder";
}
