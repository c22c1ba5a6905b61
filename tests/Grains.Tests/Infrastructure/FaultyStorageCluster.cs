using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A silo of its own whose grain storage fails the writes a test names (<see cref="Faults"/>), and
/// whose reminder store the registrations it names (<see cref="Reminders"/>: the embedded mode's
/// SQLite table, in a file of the fixture's own), with the wake-up reminder every 2 s so a test can
/// watch it retry.
/// </summary>
public class FaultyStorageCluster : ClusterFixture
{
    private readonly string _reminderFile = Path.Combine(Path.GetTempPath(), $"ew-reminders-{Guid.NewGuid():N}.db");

    /// <summary>The writes failing now.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>The reminder registrations failing now.</summary>
    public ReminderFaults Reminders { get; } = new();

    /// <inheritdoc />
    protected override TimeSpan WakeUpPeriod => TimeSpan.FromSeconds(2);

    /// <summary>The names of the reminders <paramref name="grain"/> has in the store, in order.</summary>
    public async Task<string[]> ReminderNames(IAddressable grain)
    {
        var table = Cluster.Silos[0].SiloHost.Services.GetRequiredService<IReminderTable>();
        return [.. (await table.ReadRows(grain.GetGrainId())).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    protected override void AddStorage(ISiloBuilder silo)
    {
        silo.Services.AddGrainStorage(StorageNames.Default, (services, _) =>
            Faults.Wrap(ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services)));
        silo.AddReminders();
        // The silo's container disposes the database with the silo.
        silo.Services.AddSingleton(_ => new SqliteDatabase(_reminderFile));
        silo.Services.AddSingleton<IReminderTable>(services => Reminders.Wrap(new SqliteReminderTable(services.GetRequiredService<SqliteDatabase>())));
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _reminderFile, $"{_reminderFile}-wal", $"{_reminderFile}-shm" })
        {
            File.Delete(file);
        }
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
