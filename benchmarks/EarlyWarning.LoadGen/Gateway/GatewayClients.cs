using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Gateway;

/// <summary>One <see cref="GatewayApi"/> per (gateway, loopback address), for spreading REST load; the first is the control one.</summary>
internal sealed class GatewayClients : IDisposable
{
    private readonly GatewayApi[] _apis;

    public GatewayClients(LoadTargets targets, int maxConnectionsPerAddress)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _apis = [.. Enumerable.Range(0, targets.EndpointCount).Select(i => new GatewayApi(targets.HttpBase(i), maxConnectionsPerAddress))];
    }

    public GatewayApi Control => _apis[0];

    public int Count => _apis.Length;

    /// <summary>The client of the <paramref name="i"/>-th (gateway, address), as <see cref="LoadTargets.HttpBase"/> spreads them.</summary>
    public GatewayApi this[int i] => _apis[i % _apis.Length];

    public void Dispose()
    {
        foreach (var api in _apis)
        {
            api.Dispose();
        }
    }
}
