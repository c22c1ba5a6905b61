using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>
/// Issue 13, item 7: every alerted phone loads a case's photo from its host, so that host sees the
/// phones' addresses; a photo URL is accepted only from the configured hosts (none by default).
/// The hosts below are reserved example names: the gateway stores the URL and never fetches it.
/// </summary>
[Trait("Category", "Security")]
public sealed class PhotoHostTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Without_configured_photo_hosts_any_photo_url_is_400_naming_it_and_opens_nothing()
    {
        using var client = await factory.CreateClientAs("operator");
        var before = await ActiveCount(client);

        var response = await client.PostAsJsonAsync("/api/cases", CaseWithPhoto("https://photos.police.example/ana.jpg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("child.photoUrl", Requests.ErrorFields(await Requests.Problem(response)));
        Assert.Equal(before, await ActiveCount(client));
    }

    [Theory]
    [InlineData("https://tracker.example/ana.jpg")]
    [InlineData("http://photos.police.example/ana.jpg")]
    [InlineData("https://someone@photos.police.example/ana.jpg")]
    [InlineData("https://photos.police.example.tracker.example/ana.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/ana.jpg")]
    public async Task A_photo_url_off_the_configured_hosts_or_not_https_is_400(string photoUrl)
    {
        await using var app = WithPhotoHost(factory);
        using var client = await AsOperator(app);

        var response = await client.PostAsJsonAsync("/api/cases", CaseWithPhoto(photoUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("child.photoUrl", Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task A_photo_url_on_a_configured_host_is_kept()
    {
        await using var app = WithPhotoHost(factory);
        using var client = await AsOperator(app);

        var response = await client.PostAsJsonAsync("/api/cases", CaseWithPhoto("https://Photos.Police.example/ana.jpg"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://Photos.Police.example/ana.jpg", body.GetProperty("child").GetProperty("photoUrl").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_photo_url_is_no_photo(string photoUrl)
    {
        await using var app = WithPhotoHost(factory);
        using var client = await AsOperator(app);

        var response = await client.PostAsJsonAsync("/api/cases", CaseWithPhoto(photoUrl));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var child = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("child");
        Assert.False(child.TryGetProperty("photoUrl", out _), child.ToString());
    }

    private static WebApplicationFactory<Program> WithPhotoHost(GatewayFactory root) =>
        root.WithWebHostBuilder(b => b.UseSetting("Pages:PhotoHosts:0", "photos.police.example"));

    private static async Task<HttpClient> AsOperator(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "operator-demo" });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static object CaseWithPhoto(string photoUrl) => new
    {
        child = new { name = "Ana", age = 9, description = "red jacket", photoUrl },
        lastSeen = new { lat = Requests.Skopje.Lat, lon = Requests.Skopje.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
        travelMode = "walking",
    };

    private static async Task<int> ActiveCount(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/cases?status=active")).GetArrayLength();
}
