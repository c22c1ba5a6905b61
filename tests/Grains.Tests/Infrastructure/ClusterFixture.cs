using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Partners;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo and client for every grain test. The domain clock (the keyed
/// <see cref="Clock.Key"/> service) is a <see cref="FakeTimeProvider"/>; Orleans' own clocks stay on
/// real time, so advancing the fake clock never runs silo housekeeping inline.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>A fixed Monday morning in Skopje, so zone radii are exact functions of the test's own steps.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster? _cluster;

    /// <summary>The domain clock every case, region and subscriber grain reads.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The gateway stand-in: records every batch the dispatcher hands it. Held here, so the observer stays alive.</summary>
    public RecordingAlertSink Sink { get; } = new();

    /// <summary>The registered reference of <see cref="Sink"/>, for tests that take it out of the registry for a while.</summary>
    public IAlertSink SinkReference { get; private set; } = null!;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The first silo's grain storage, for tests that read (or plant) what grains store.</summary>
    public IGrainStorage Storage => Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    /// <summary>Every call into a case grain on the first silo (<see cref="CaseCallRecorder"/>).</summary>
    public CaseCallRecorder CaseCalls => Cluster.Silos[0].SiloHost.Services.GetRequiredService<CaseCallRecorder>();

    /// <summary>Holds a call into a tile on the first silo while another lines up behind it (<see cref="TileCallHold"/>).</summary>
    public TileCallHold TileCalls => Cluster.Silos[0].SiloHost.Services.GetRequiredService<TileCallHold>();

    /// <summary>Refuses, then holds, the tiles' reports to the tallies on the first silo (<see cref="TallyReportFault"/>).</summary>
    public TallyReportFault TallyReports => Cluster.Silos[0].SiloHost.Services.GetRequiredService<TallyReportFault>();

    /// <summary>Fails the next outgoing call of a grain method on the first silo (<see cref="OutgoingCallFault"/>).</summary>
    public OutgoingCallFault CallFault => Cluster.Silos[0].SiloHost.Services.GetRequiredService<OutgoingCallFault>();

    /// <summary>Makes a grain method on the first silo hang (<see cref="GrainMethodHold"/>).</summary>
    public GrainMethodHold Hang => Cluster.Silos[0].SiloHost.Services.GetRequiredService<GrainMethodHold>();

    /// <summary>The partner webhooks' transport of the first silo (<see cref="ScriptedPartnerTransport"/>).</summary>
    public ScriptedPartnerTransport PartnerTransport => Cluster.Silos[0].SiloHost.Services.GetRequiredService<ScriptedPartnerTransport>();

    /// <summary>Waits until the silo has sent every control-room event posted so far (they go out in batches, after the grain's turn).</summary>
    public async Task ControlRoomSent()
    {
        var outbox = Cluster.Silos[0].SiloHost.Services.GetRequiredService<ControlRoomOutbox>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!outbox.Idle)
        {
            Assert.True(DateTime.UtcNow < deadline, "the control-room events were not sent within 10 s");
            await Task.Delay(10);
        }
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureSilo((_, silo) =>
        {
            AddStorage(silo);

            // Before AddEarlyWarningGrains, whose HTTP transport is only a default: grain tests send nothing.
            silo.Services.AddSingleton<ScriptedPartnerTransport>();
            silo.Services.AddSingleton<IPartnerTransport>(sp => sp.GetRequiredService<ScriptedPartnerTransport>());
            silo.AddEarlyWarningGrains(Configuration());

            // Who calls the case grains, so a test can prove tiles and gateways never do for counts.
            silo.Services.AddSingleton<CaseCallRecorder>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<CaseCallRecorder>());

            // Lines calls up on a tile when a test arms it; inert otherwise.
            silo.Services.AddSingleton<TileCallHold>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<TileCallHold>());
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<TileCallHold>());

            // Refuses, then holds, the tiles' reports to the tallies when a test arms it; inert otherwise.
            silo.Services.AddSingleton<TallyReportFault>();
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<TallyReportFault>());

            // Fails one outgoing call when a test arms it; inert otherwise.
            silo.Services.AddSingleton<OutgoingCallFault>();
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<OutgoingCallFault>());

            // Makes one grain method hang when a test holds it; inert otherwise.
            silo.Services.AddSingleton<GrainMethodHold>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainMethodHold>());

            // Registered after AddEarlyWarningGrains, so this registration wins over the system clock.
            silo.Services.AddKeyedSingleton<TimeProvider>(EarlyWarning.Grains.Hosting.Clock.Key, Clock);
        });

        _cluster = builder.Build();
        await _cluster.DeployAsync();

        SinkReference = Client.CreateObjectReference<IAlertSink>(Sink);
        await Client.GetGrain<ISinkRegistryGrain>(0).Register(SinkReference);
    }

    public virtual async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>How often the wake-up reminder fires; an hour here, so it never races a test.</summary>
    protected virtual TimeSpan WakeUpPeriod => TimeSpan.FromHours(1);

    /// <summary>How often a resolved case's retention reminder checks what is due; an hour here, so it never races a test.</summary>
    protected virtual TimeSpan RetentionCheckPeriod => TimeSpan.FromHours(1);

    /// <summary>The grain storage and reminders of the silo.</summary>
    protected virtual void AddStorage(ISiloBuilder silo) => silo.AddInProcessGrainStorage();

    /// <summary>Settings of a fixture's own, over those every fixture has.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    private IConfiguration Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The real zone timer (and, unless a fixture says otherwise, the wake-up reminder) must not race the tests: they call RefreshZone after moving the fake clock.
            ["Cases:ZoneTickInterval"] = "01:00:00",
            ["Cases:WakeUpPeriod"] = WakeUpPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Retention:CheckPeriod"] = RetentionCheckPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),

            // The one sink lives for the whole run; a zero cache TTL makes registry changes visible to the
            // next dispatch at once, so tests that register extra sinks are deterministic.
            ["Dispatch:SinkExpiry"] = "01:00:00",
            ["Dispatch:SinkCacheTtl"] = "00:00:00",
        })
        .AddInMemoryCollection(Settings)
        .Build();
}

/// <summary>Every grain test shares the one <see cref="ClusterFixture"/>; tests in it run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
