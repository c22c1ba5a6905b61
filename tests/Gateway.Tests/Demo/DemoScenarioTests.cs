using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EarlyWarning.Gateway.Tests.Demo;

/// <summary>The demo, sped up: seeded subscribers are alerted and the case walks west toward Tetovo.</summary>
public sealed class DemoScenarioTests : IAsyncLifetime, IDisposable
{
    private const string DemoCaseId = "c-demo-20261123";

    private readonly GatewayFactory _root = new();
    private WebApplicationFactory<Program>? _app;

    public Task InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Demo:PublicSubscribers", "300");
            b.UseSetting("Demo:StepInterval", "00:00:00.200");
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _root.DisposeAsync();
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Demo_case_alerts_seeded_subscribers_and_its_zone_moves_west_with_each_sighting()
    {
        using var client = _app!.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "operator-demo" });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        var demo = await Eventually(client, c => c.GetProperty("sightings").GetArrayLength() >= 6);

        Assert.Equal("public", demo.GetProperty("level").GetString());
        Assert.True(demo.GetProperty("stats").GetProperty("alerted").GetInt64() > 10, demo.GetProperty("stats").GetRawText());
        var anchors = demo.GetProperty("zone").GetProperty("anchors").EnumerateArray().Select(a => a.GetProperty("lon").GetDouble()).ToList();
        Assert.True(anchors.Min() < 21.0, "the newest anchor should be near Tetovo (lon < 21)");
    }

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task Demo_case_is_an_exercise_in_the_case_the_case_list_and_its_CAP_status()
    {
        using var client = _app!.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { username = "operator", password = "operator-demo" });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

        var demo = await Eventually(client, c => c.GetProperty("stats").GetProperty("alerted").GetInt64() > 0);

        Assert.True(demo.GetProperty("exercise").GetBoolean());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/cases");
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("id").GetString() == DemoCaseId && c.GetProperty("exercise").GetBoolean());
        var cap = await client.GetStringAsync($"/api/cap/{DemoCaseId}");
        Assert.Contains("<status>Exercise</status>", cap, StringComparison.Ordinal);
        Assert.DoesNotContain("<status>Actual</status>", cap, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Eventually(HttpClient client, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/api/cases/{DemoCaseId}");
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"The demo did not get there within 60 s; last: {(last.ValueKind == JsonValueKind.Undefined ? "no case" : last.GetRawText())}");
    }
}
