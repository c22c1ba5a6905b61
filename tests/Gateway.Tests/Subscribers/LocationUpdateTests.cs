using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Subscribers;

/// <summary>Position updates of many public subscribers at once, over the hub and REST.</summary>
public sealed class LocationUpdateTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Subscribers_moving_together_into_a_zone_each_get_one_new_and_catch_up_from_where_they_went()
    {
        // Makedonski Brod; the subscribers start 6 km west of the zone, watching 1 km.
        const double CaseLat = 41.5133, CaseLon = 21.2153, StartLon = 21.1433;
        using var anonymous = factory.CreateClient();
        var subscribers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Requests.Subscribe(anonymous, CaseLat, StartLon, radiusKm: 1)));
        var hubs = await Task.WhenAll(subscribers.Select(s => factory.ConnectHubAsync(s.Token)));
        var inboxes = hubs.Select(h => new AlertInbox(h)).ToArray();
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = (await Requests.OpenCase(supervisor, "Ana", CaseLat, CaseLon, level: "public")).GetProperty("id").GetString()!;

        // Into the zone, all at once: even-numbered ones over the hub, the others over REST.
        await Task.WhenAll(subscribers.Select(async (s, i) =>
        {
            var (lat, lon) = (CaseLat + (i * 0.0001), CaseLon - 0.003);
            if (i % 2 == 0)
            {
                await hubs[i].InvokeAsync("UpdateLocation", lat, lon);
            }
            else
            {
                using var client = factory.CreateClientWithToken(s.Token);
                Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/subscribers/me/location", new { lat, lon })).StatusCode);
            }
        }));

        await Task.WhenAll(inboxes.Select(inbox => inbox.WaitFor(AlertInbox.Is(id, "new"), "new")));
        using var last = factory.CreateClientWithToken(subscribers[^1].Token);
        var held = Assert.Single((await last.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts"))!, a => a.GetProperty("caseId").GetString() == id);
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        Assert.All(inboxes, inbox => Assert.Single(inbox.Received, m => m.GetProperty("caseId").GetString() == id));
        // Measured from the point it moved to (inside the zone), not from where it subscribed.
        Assert.Equal(0, held.GetProperty("distanceKm").GetDouble());
    }
}
