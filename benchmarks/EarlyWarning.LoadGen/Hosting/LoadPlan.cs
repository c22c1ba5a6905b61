namespace EarlyWarning.LoadGen.Hosting;

/// <summary>The sizes of a run: the full ones, or <c>--quick</c>'s; each can be overridden on the command line.</summary>
internal sealed record LoadPlan(
    int SubscribeInFlight,
    int Sightings,
    double SightingsPerSecond,
    bool FreshSightings,
    int FanoutSubscribers,
    int FanoutRepeats,
    int FanoutHolders,
    int IngestClients,
    TimeSpan IngestDuration,
    int MixedClients,
    double MixedUpdatesPerSecond,
    TimeSpan MixedDuration,
    TimeSpan RunTimeout)
{
    /// <summary>Sightings sent before <c>latency</c> records, so JIT and first activations stay out of it.</summary>
    public const int WarmupSightings = 20;

    /// <summary>The mixed scenario's sighting period: the 50 km zone is re-matched this often.</summary>
    public static readonly TimeSpan MixedSightingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait for one alert (latency) or for one fan-out round to complete.</summary>
    public static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(120);

    public static LoadPlan For(bool quick) => quick
        ? new LoadPlan(
            SubscribeInFlight: 64,
            Sightings: 200, SightingsPerSecond: 20, FreshSightings: false,
            FanoutSubscribers: 10_000, FanoutRepeats: 3, FanoutHolders: 0,
            IngestClients: 64, IngestDuration: TimeSpan.FromSeconds(5),
            MixedClients: 200, MixedUpdatesPerSecond: 1_000, MixedDuration: TimeSpan.FromSeconds(10),
            RunTimeout: TimeSpan.FromMinutes(20))
        : new LoadPlan(
            SubscribeInFlight: 64,
            Sightings: 1_000, SightingsPerSecond: 20, FreshSightings: false,
            FanoutSubscribers: 100_000, FanoutRepeats: 5, FanoutHolders: 0,
            IngestClients: 64, IngestDuration: TimeSpan.FromSeconds(15),
            MixedClients: 1_000, MixedUpdatesPerSecond: 2_000, MixedDuration: TimeSpan.FromSeconds(30),
            RunTimeout: TimeSpan.FromMinutes(120));
}
