using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>The REST calls cluster tests make as a control room and a phone would: signed in, a case in Skopje, a subscriber there.</summary>
public static class ClusterCalls
{
    public static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    /// <summary>A client of <paramref name="gateway"/> carrying the demo supervisor's token.</summary>
    public static async Task<HttpClient> SupervisorClient(ClientGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var client = gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Opens a public case for "Ana" last seen in Skopje; returns its id.</summary>
    public static async Task<string> OpenPublicCaseInSkopje(HttpClient supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        var opened = await supervisor.PostAsJsonAsync("/api/cases", CaseInSkopje());
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The body of <see cref="OpenPublicCaseInSkopje"/>.</summary>
    public static object CaseInSkopje() => new
    {
        child = new { name = "Ana", age = 9, description = "red jacket, blue backpack" },
        lastSeen = new { lat = Skopje.Lat, lon = Skopje.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
        travelMode = "walking",
        level = "public",
    };

    /// <summary>A verified sighting near Skopje with the client's own id.</summary>
    public static object SightingNearSkopje(string id) => new
    {
        id, lat = Skopje.Lat + 0.01, lon = Skopje.Lon, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop",
    };

    /// <summary>A public subscriber watching 5 km around Skopje; returns its id and token.</summary>
    public static async Task<(string Id, string Token)> SubscribeInSkopje(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var subscribed = await client.PostAsJsonAsync("/api/subscribers", new { lat = Skopje.Lat, lon = Skopje.Lon, watchRadiusKm = 5, language = "en" });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var body = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }
}
