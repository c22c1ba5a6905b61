using System.Net.Http.Headers;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>The calls cluster tests make as a control room and a phone in Skopje would (<see cref="ApiCalls"/> at one place).</summary>
public static class ClusterCalls
{
    public static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);

    /// <summary>A client of <paramref name="gateway"/> carrying the demo supervisor's token.</summary>
    public static async Task<HttpClient> SupervisorClient(ClientGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiCalls.Token(client));
        return client;
    }

    /// <summary>Opens <see cref="CaseInSkopje"/>; returns its id.</summary>
    public static Task<string> OpenPublicCaseInSkopje(HttpClient supervisor) =>
        ApiCalls.OpenPublicCase(supervisor, Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow.AddMinutes(-1));

    /// <summary>A public case for "Ana" last seen in Skopje a minute ago.</summary>
    public static object CaseInSkopje() => ApiCalls.PublicCase(Skopje.Lat, Skopje.Lon, DateTimeOffset.UtcNow.AddMinutes(-1));

    /// <summary>A verified sighting near Skopje with the client's own id.</summary>
    public static object SightingNearSkopje(string id) => new
    {
        id, lat = Skopje.Lat + 0.01, lon = Skopje.Lon, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop",
    };

    /// <summary>A public subscriber watching 5 km around Skopje; returns its id and token.</summary>
    public static Task<(string Id, string Token)> SubscribeInSkopje(HttpClient client) =>
        ApiCalls.Subscribe(client, Skopje.Lat, Skopje.Lon, watchRadiusKm: 5);
}
