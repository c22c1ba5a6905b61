using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A <see cref="BrowserGateway"/> on a fake domain clock, so a test can give a case minutes of history in no time.</summary>
public sealed class ReplayBrowserGateway : BrowserGateway
{
    /// <summary>The domain clock (cases, sightings, tallies); the browser and tokens keep real time.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(EarlyWarning.Grains.Hosting.Clock.Key, Clock));
}
