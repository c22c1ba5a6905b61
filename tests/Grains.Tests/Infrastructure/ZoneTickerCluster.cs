using EarlyWarning.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// A silo of its own for tests that run its zone ticker by hand (<see cref="Tick"/>): a tick grows
/// every active case of the silo, so the shared cluster's cases stay out of it.
/// </summary>
public sealed class ZoneTickerCluster : ClusterFixture
{
    /// <summary>The silo's ticker.</summary>
    public ZoneTicker Ticker => Cluster.Silos[0].SiloHost.Services.GetRequiredService<ZoneTicker>();

    /// <summary>Moves the clock by <paramref name="step"/> and runs one tick of the silo.</summary>
    public Task Tick(TimeSpan step)
    {
        Clock.Advance(step);
        return Ticker.Tick();
    }
}

/// <summary>Tests on the <see cref="ZoneTickerCluster"/> run one at a time, apart from the shared cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ZoneTickerSilo : ICollectionFixture<ZoneTickerCluster>
{
    public const string Name = "Zone ticker";
}
