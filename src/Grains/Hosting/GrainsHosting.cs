using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Partners;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace EarlyWarning.Grains.Hosting;

/// <summary>The silo configuration every host shares (the Silo process and the Gateway's embedded mode), so the two cannot drift.</summary>
public static class GrainsHosting
{
    /// <summary>
    /// Registers EarlyWarning's options and domain clock. The host adds clustering and a grain
    /// storage named <see cref="StorageNames.Default"/>.
    /// </summary>
    public static ISiloBuilder AddEarlyWarningGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddOptions<ZonePolicy>().Bind(configuration.GetSection(ZonePolicy.Section))
            .Validate(p => p.BaseRadiusKm > 0 && p.WalkingKmh > 0 && p.BicycleKmh > 0 && p.VehicleKmh > 0, "Zone radii and speeds must be positive.")
            .Validate(p => p.MaxWalkingKm >= p.BaseRadiusKm && p.MaxBicycleKm >= p.BaseRadiusKm && p.MaxVehicleKm >= p.BaseRadiusKm, "Zone maxima must be at least the base radius.")
            .ValidateOnStart();
        services.AddOptions<RegionOptions>().Bind(configuration.GetSection(RegionOptions.Section))
            .Validate(o => o.TileZoom is >= 10 and <= 12, "Regions:TileZoom must be 10, 11 or 12.")
            .Validate(o => o.MaxWatchRadiusKm is > 0 and <= 200, "Regions:MaxWatchRadiusKm must be in (0, 200].")
            .Validate(o => o.DirectoryZoom >= 0 && o.DirectoryZoom <= o.TileZoom, "Regions:DirectoryZoom must be between 0 and Regions:TileZoom.")
            .Validate(o => o.MaxBatchRecipients >= 1, "Regions:MaxBatchRecipients must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<CaseOptions>().Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.ZoneTickInterval >= TimeSpan.FromSeconds(1), "Cases:ZoneTickInterval must be at least 1 s.")
            .Validate(o => o.WakeUpPeriod >= TimeSpan.FromSeconds(1), "Cases:WakeUpPeriod must be at least 1 s.")
            .Validate(o => o.EscalationApprovers is 1 or 2, "Cases:EscalationApprovers must be 1 or 2.")
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.ResolvedCase > TimeSpan.Zero, "Retention:ResolvedCase must be positive.")
            .Validate(o => o.ReporterContact > TimeSpan.Zero, "Retention:ReporterContact must be positive.")
            .Validate(o => o.ReporterContact <= o.ResolvedCase, "Retention:ReporterContact must not exceed Retention:ResolvedCase.")
            .Validate(o => o.CheckPeriod >= TimeSpan.FromSeconds(1), "Retention:CheckPeriod must be at least 1 s.")
            .ValidateOnStart();

        // Orleans refuses reminders more frequent than a minute by default; a shorter wake-up or
        // retention period (tests) lowers that floor to it, never raises it.
        services.AddOptions<ReminderOptions>().Configure<IOptions<CaseOptions>, IOptions<RetentionOptions>>((reminders, cases, retention) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(
                reminders.MinimumReminderPeriod.Ticks, Math.Min(cases.Value.WakeUpPeriod.Ticks, retention.Value.CheckPeriod.Ticks))));
        services.AddOptions<PartnerOptions>().Bind(configuration.GetSection(PartnerOptions.Section))
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay, "Partners:FirstRetryDelay must be positive and at most Partners:MaxRetryDelay.")
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero && o.AttemptsKept > 0, "Partners:MaxAge, RequestTimeout and AttemptsKept must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PartnerConnectGuard>(sp => new(sp.GetRequiredService<IOptions<PartnerOptions>>()));
        services.TryAddSingleton<IPartnerTransport, HttpPartnerTransport>();
        services.AddOptions<SinkRegistryOptions>().Bind(configuration.GetSection(SinkRegistryOptions.Section));
        services.AddSingleton<GatewaySinks>();
        services.AddSingleton<ControlRoomOutbox>();
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton<ShardMirror>();
        services.AddSingleton<CaseDirectory>();
        services.AddSingleton<ZoneTicker>();
        services.AddHostedService(sp => sp.GetRequiredService<ZoneTicker>());
        services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);

        // Grain state in Orleans' own binary format (every state type is [GenerateSerializer]),
        // not the default Newtonsoft JSON with reference tracking: a tile's cell is written per
        // batch of moves, and JSON was the larger part of that write's cost.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }

    /// <summary>
    /// Adds <see cref="InProcessGrainStorage"/> as the storage named <see cref="StorageNames.Default"/>
    /// and Orleans' in-memory reminders: for a host with one silo that keeps nothing past its
    /// process (the gateway's <c>Storage:Provider=memory</c>, tests, benchmarks).
    /// </summary>
    public static ISiloBuilder AddInProcessGrainStorage(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(StorageNames.Default, (services, _) => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services));
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>
    /// Keeps grain state (<see cref="SqliteGrainStorage"/>, named <see cref="StorageNames.Default"/>)
    /// and reminders (<see cref="SqliteReminderTable"/>) in the SQLite file at <paramref name="path"/>,
    /// created when absent: for a host with one silo that must survive its own restart (the
    /// gateway's embedded mode by default).
    /// </summary>
    public static ISiloBuilder AddSqliteStorage(this ISiloBuilder silo, string path)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var services = silo.Services;
        services.AddSingleton(sp => new SqliteDatabase(path, logger: sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<SqliteGrainStorage>();
        services.AddGrainStorage(StorageNames.Default, (sp, _) => sp.GetRequiredService<SqliteGrainStorage>());
        silo.AddReminders();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }
}
