using System.Net.Http.Headers;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// <c>caseDelta</c> for control-room connections that opt in (<c>/hubs/alerts?deltas=1</c>), and
/// <c>caseUpdated</c>, the whole case, for every other as API.md first promised.
/// </summary>
public sealed class CaseDeltaTests : ConfiguredGatewayTests
{
    // The cases' clock: the test moves it to make a zone grow, instead of waiting a minute and more.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(Clock.Key, _clock));

    [Fact]
    public async Task An_operator_who_opted_in_gets_only_the_zone_on_a_tick_while_a_plain_connection_still_gets_the_whole_case()
    {
        var token = (await GatewayFactory.TokenFor(App, "operator")).AccessToken;
        await using var plainHub = await GatewayFactory.ConnectHubAsync(App, token);
        await using var deltaHub = await GatewayFactory.ConnectHubAsync(App, token, query: "deltas=1");
        var plainCases = new AlertInbox(plainHub, "caseUpdated");
        var plainDeltas = new AlertInbox(plainHub, "caseDelta");
        var deltas = new AlertInbox(deltaHub, "caseDelta");
        var deltaCases = new AlertInbox(deltaHub, "caseUpdated");
        using var supervisor = App.CreateClient();
        supervisor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await GatewayFactory.TokenFor(App, "supervisor")).AccessToken);

        // Mavrovo's forest: nobody subscribed nearby, so no figure changes with the zone.
        var opened = await Requests.OpenCase(supervisor, "Ana", 41.70, 20.75);
        var id = opened.GetProperty("id").GetString()!;
        var version = opened.GetProperty("version").GetInt64();
        var first = await deltas.WaitFor(m => m.GetProperty("caseId").GetString() == id, "caseDelta on opening");

        // Half an hour on foot: the zone grew materially and the tick pushes it.
        _clock.Advance(TimeSpan.FromMinutes(30));
        await App.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(id).RefreshZone();
        var tick = await deltas.WaitFor(m => m.GetProperty("caseId").GetString() == id && m.GetProperty("version").GetInt64() == version + 1, "caseDelta of the tick");
        var whole = await plainCases.WaitFor(m => m.GetProperty("id").GetString() == id && m.GetProperty("version").GetInt64() == version + 1, "caseUpdated of the tick");

        Assert.Equal(["caseId", "version", "zone"], tick.EnumerateObject().Select(p => p.Name));
        Assert.True(tick.GetProperty("zone").GetProperty("radiusKm").GetDouble() > opened.GetProperty("zone").GetProperty("radiusKm").GetDouble());
        // The first event of a case says everything; the plain connection's is the whole case, as before.
        Assert.Equal("active", first.GetProperty("status").GetString());
        Assert.True(whole.TryGetProperty("sightings", out _) && whole.TryGetProperty("child", out _) && whole.TryGetProperty("stats", out _));
        Assert.Equal(tick.GetProperty("zone").GetRawText(), whole.GetProperty("zone").GetRawText());
        Assert.DoesNotContain(plainDeltas.Received, m => m.GetProperty("caseId").GetString() == id);
        Assert.DoesNotContain(deltaCases.Received, m => m.GetProperty("id").GetString() == id);
    }
}
