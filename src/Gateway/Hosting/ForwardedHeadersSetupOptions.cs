using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> the gateway believes.</summary>
public sealed class ForwardedHeadersSetupOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>. Loopback is not trusted unless listed (<c>127.0.0.1</c>, <c>::1</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy ranges in CIDR, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Forwarded entries read from the right, each of which must come from a known proxy: the number of proxies in a row.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Forwarded headers are read only when some proxy is known.</summary>
    public bool IsEnabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
