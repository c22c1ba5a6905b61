using System.Collections.Concurrent;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Cases;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Cap;

/// <summary>
/// A feed rendered afresh asks each listed active case once whether it still alerts: the output
/// cache's key and the feed itself share the answer (each asked every case on its own before).
/// </summary>
public sealed class CapFeedCallsTests
{
    [Fact]
    public async Task A_feed_missing_the_cache_asks_each_active_case_once_whether_it_alerts()
    {
        var asked = new IsAlertingCalls();
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIncomingGrainCallFilter>(asked)));
        using var supervisor = app.CreateClient();
        supervisor.DefaultRequestHeaders.Authorization = new("Bearer", (await GatewayFactory.TokenFor(app, "supervisor")).AccessToken);
        var first = (await Requests.OpenCase(supervisor, "Ana", 41.99, 21.43, level: "public")).GetProperty("id").GetString()!;
        var second = (await Requests.OpenCase(supervisor, "Boris", 41.12, 20.80, level: "public")).GetProperty("id").GetString()!;
        using var partner = app.CreateClient();
        asked.Clear();

        var feed = await partner.GetStringAsync("/api/cap/alerts.atom");
        var cached = await partner.GetAsync("/api/cap/alerts.atom");

        Assert.Contains("Ana", feed, StringComparison.Ordinal);
        Assert.Contains("Boris", feed, StringComparison.Ordinal);
        Assert.True(cached.Headers.Contains("Age"), "the second request is served from the output cache");
        // Once for the render and its key; once more for the cached request's key.
        Assert.Equal(2, asked.Of(first));
        Assert.Equal(2, asked.Of(second));
        // An entry's time without the whole case (sightings and all) behind it.
        Assert.Equal(0, asked.Snapshots);
    }

    /// <summary>Counts <see cref="ICaseGrain.IsAlerting"/> calls per case, and <see cref="ICaseGrain.GetCase"/> calls.</summary>
    private sealed class IsAlertingCalls : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public int Of(string caseId) => _calls.GetValueOrDefault(caseId);

        private int _snapshots;

        public int Snapshots => Volatile.Read(ref _snapshots);

        public void Clear()
        {
            _calls.Clear();
            Volatile.Write(ref _snapshots, 0);
        }

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(ICaseGrain.IsAlerting) && context.Grain is ICaseGrain)
            {
                _calls.AddOrUpdate(context.TargetId.Key.ToString()!, 1, (_, n) => n + 1);
            }

            if (context.InterfaceMethod?.Name == nameof(ICaseGrain.GetCase) && context.Grain is ICaseGrain)
            {
                Interlocked.Increment(ref _snapshots);
            }

            return context.Invoke();
        }
    }
}
