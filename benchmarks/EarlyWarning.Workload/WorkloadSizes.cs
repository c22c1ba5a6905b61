namespace EarlyWarning.Workload;

/// <summary>The sizes issue 6 measures at, full and <c>--quick</c>, shared so both sides run the same ones.</summary>
public static class WorkloadSizes
{
    /// <summary>Subscribers in a full run.</summary>
    public const int FullSubscribers = 1_000_000;

    /// <summary>Subscribers with <c>--quick</c>: a prefix of the full set.</summary>
    public const int QuickSubscribers = 200_000;

    /// <summary>Recipients per fan-out, in both modes.</summary>
    public static IReadOnlyList<int> FanoutRecipients { get; } = [1_000, 10_000, 100_000];

    /// <summary>Gateway connections a fan-out is delivered through.</summary>
    public const int Gateways = 10;

    /// <summary>Concurrent clients sending location updates.</summary>
    public const int IngestClients = 64;

    /// <summary>Subscribers in a run of the given mode.</summary>
    public static int Subscribers(bool quick) => quick ? QuickSubscribers : FullSubscribers;
}
