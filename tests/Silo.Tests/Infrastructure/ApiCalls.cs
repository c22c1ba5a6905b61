using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>The REST calls process tests make against any gateway, each asserting its documented status.</summary>
public static class ApiCalls
{
    /// <summary>An account's access token (the demo supervisor's unless told).</summary>
    public static async Task<string> Token(HttpClient client, string username = "supervisor", string password = "supervisor-demo")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A public subscriber: its id and token.</summary>
    public static async Task<(string Id, string Token)> Subscribe(HttpClient client, double lat, double lon, double watchRadiusKm)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/subscribers", new { lat, lon, watchRadiusKm, language = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    /// <summary>The body of a public case of a walking child (Ana, 9) last seen at the point and time given.</summary>
    public static object PublicCase(double lat, double lon, DateTimeOffset at) => new
    {
        child = new { name = "Ana", age = 9, description = "red jacket, blue backpack" },
        lastSeen = new { lat, lon, at },
        travelMode = "walking",
        level = "public",
    };

    /// <summary>Opens <see cref="PublicCase"/>; its id.</summary>
    public static async Task<string> OpenPublicCase(HttpClient supervisor, double lat, double lon, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        using var response = await supervisor.PostAsJsonAsync("/api/cases", PublicCase(lat, lon, at));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// GET <paramref name="path"/> as a phone or the control room does after a failover: a 503
    /// (the gateway judging the cluster unavailable, with <c>Retry-After</c>) is asked again after
    /// the time it gives, for up to <paramref name="within"/>; then 200 expected, as JSON.
    /// </summary>
    public static async Task<JsonElement> GetRetryingUnavailable(HttpClient client, string path, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow >= deadline)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>GET <paramref name="path"/>, 200 expected, as JSON.</summary>
    public static async Task<JsonElement> Get(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
