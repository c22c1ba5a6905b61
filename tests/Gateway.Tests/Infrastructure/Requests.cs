using System.Net.Http.Json;
using System.Text.Json;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>Bodies and calls the tests repeat, written as a client of API.md would write them.</summary>
public static class Requests
{
    public static readonly (double Lat, double Lon) Skopje = (41.9981, 21.4254);
    public static readonly (double Lat, double Lon) Tetovo = (42.0106, 20.9715);

    /// <summary>A case's body; last seen a minute ago unless <paramref name="lastSeenAt"/> says when.</summary>
    public static object NewCase(string name, double lat, double lon, string level = "internal", string travelMode = "walking", DateTimeOffset? lastSeenAt = null) => new
    {
        child = new { name, age = 9, description = "red jacket, blue backpack" },
        lastSeen = new { lat, lon, at = lastSeenAt ?? DateTimeOffset.UtcNow.AddMinutes(-1) },
        travelMode,
        level,
    };

    public static async Task<JsonElement> OpenCase(HttpClient client, string name, double lat, double lon, string level = "internal", DateTimeOffset? lastSeenAt = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", NewCase(name, lat, lon, level, lastSeenAt: lastSeenAt));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens a public exercise (drill) and returns the created case.</summary>
    public static async Task<JsonElement> OpenExercise(HttpClient client, string name, double lat, double lon)
    {
        var body = JsonSerializer.SerializeToNode(NewCase(name, lat, lon, level: "public"))!.AsObject();
        body["exercise"] = true;
        var response = await client.PostAsJsonAsync("/api/cases", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<(string Id, string Token)> Subscribe(HttpClient client, double lat, double lon, double radiusKm = 5, string language = "en")
    {
        var response = await client.PostAsJsonAsync("/api/subscribers", new { lat, lon, watchRadiusKm = radiusKm, language });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static IEnumerable<string> ErrorFields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);
}
