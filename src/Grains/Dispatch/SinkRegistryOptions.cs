namespace EarlyWarning.Grains.Dispatch;

/// <summary>How long gateway sinks live and how often they are looked up.</summary>
public sealed class SinkRegistryOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dispatch";

    /// <summary>A sink not refreshed for this long is dropped.</summary>
    public TimeSpan SinkExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a gateway refreshes its registration.</summary>
    public TimeSpan SinkRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a silo trusts its cached list of sinks (<see cref="GatewaySinks"/>).</summary>
    public TimeSpan SinkCacheTtl { get; set; } = TimeSpan.FromSeconds(5);
}
