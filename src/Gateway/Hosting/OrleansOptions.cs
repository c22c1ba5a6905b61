namespace EarlyWarning.Gateway.Hosting;

/// <summary>How the gateway reaches its grains.</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    /// <summary><c>embedded</c> (co-hosted silo, localhost clustering, in-memory state) or <c>client</c> (join a Redis-clustered set of silos).</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Silo-to-silo port of the embedded silo.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port of the embedded silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "earlywarning";

    public string ServiceId { get; set; } = "earlywarning";

    /// <summary>Redis for clustering (client mode) and the SignalR backplane; empty in embedded mode.</summary>
    public string? RedisConnectionString { get; set; }

    public bool IsEmbedded => string.Equals(Mode, "embedded", StringComparison.OrdinalIgnoreCase);
}
