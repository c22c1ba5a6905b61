using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>
/// A purged case as operators read it: still there (id, status, outcome, times, last-seen point,
/// zone), its child's fields gone (null, so left out), a <c>purgedAt</c>; the list shows it without a name. Retention
/// settings that make no sense stop the embedded gateway at start-up.
/// </summary>
[Trait("Category", "Privacy")]
public sealed class RetentionEndpointsTests : ConfiguredGatewayTests
{
    private const string Name = "Zzretention Purgename";
    private const string Contact = "zzretention-contact +389 70 000 777";

    // Ahead of the wall clock, so the requests' real timestamps are never in this clock's future.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddMinutes(10));

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(Clock.Key, _clock));

    [Fact]
    public async Task A_purged_case_still_answers_operators_without_the_child_and_lists_without_a_name()
    {
        using var op = await Operator();
        var opened = await Requests.OpenCase(op, Name, Requests.Tetovo.Lat, Requests.Tetovo.Lon);
        var id = opened.GetProperty("id").GetString()!;
        var sighting = await op.PostAsJsonAsync($"/api/cases/{id}/sightings", new
        {
            id = $"s-{Guid.NewGuid():N}", lat = Requests.Tetovo.Lat, lon = Requests.Tetovo.Lon + 0.01,
            seenAt = _clock.GetUtcNow().AddMinutes(-5), description = "zzretention by the river", reporterContact = Contact, channel = "hotline",
        });
        Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
        (await op.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found", note = "zzretention note" })).EnsureSuccessStatusCode();

        var retention = App.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        _clock.Advance(retention.ResolvedCase);
        await App.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(id).ApplyRetention();

        var response = await op.GetAsync($"/api/cases/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("zzretention", text, StringComparison.OrdinalIgnoreCase);
        var purged = JsonDocument.Parse(text).RootElement;
        Assert.Equal(_clock.GetUtcNow(), purged.GetProperty("purgedAt").GetDateTimeOffset());
        Assert.Equal(("resolved", "found"), (purged.GetProperty("status").GetString(), purged.GetProperty("outcome").GetString()));
        // Nulls are left out of every payload: the child is an empty object, the sighting a position, a time and a status.
        Assert.Empty(purged.GetProperty("child").EnumerateObject());
        var kept = Assert.Single(purged.GetProperty("sightings").EnumerateArray());
        Assert.False(kept.TryGetProperty("description", out _) || kept.TryGetProperty("reporterContact", out _));
        Assert.Equal("pending", kept.GetProperty("status").GetString());
        Assert.Equal(opened.GetProperty("lastSeen").GetProperty("lat").GetDouble(), purged.GetProperty("lastSeen").GetProperty("lat").GetDouble());

        var listed = await op.GetFromJsonAsync<JsonElement>("/api/cases?status=resolved");
        var line = Assert.Single(listed.EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        Assert.False(line.TryGetProperty("childName", out _));
        Assert.Equal(JsonValueKind.String, line.GetProperty("purgedAt").ValueKind);

        // After-action review: a purged case has no name to search by, and its timeline exports as it stands.
        Assert.DoesNotContain((await op.GetFromJsonAsync<JsonElement[]>("/api/cases?status=resolved&q=zzretention"))!, c => c.GetProperty("id").GetString() == id);
        var csv = await op.GetAsync($"/api/cases/{id}/timeline?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var exported = await csv.Content.ReadAsStringAsync();
        Assert.DoesNotContain("zzretention", exported, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(",purged,", exported, StringComparison.Ordinal);

        // Its replay still plays: positions and times, no child and no text.
        var replay = await op.GetAsync($"/api/cases/{id}/replay");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayed = await replay.Content.ReadAsStringAsync();
        Assert.DoesNotContain("zzretention", replayed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Purgename", replayed, StringComparison.OrdinalIgnoreCase);
        var played = JsonDocument.Parse(replayed).RootElement;
        Assert.Equal(Requests.Tetovo.Lon + 0.01, played.GetProperty("sightings")[0].GetProperty("lon").GetDouble());
        Assert.NotEmpty(played.GetProperty("frames").EnumerateArray());
    }

    [Theory]
    [InlineData("Retention:ResolvedCase", "00:00:00")]
    [InlineData("Retention:ReporterContact", "-1.00:00:00")]
    [InlineData("Retention:ReporterContact", "31.00:00:00")]
    [InlineData("Retention:CheckPeriod", "00:00:00.5")]
    public async Task Retention_that_is_not_positive_or_keeps_contacts_longer_than_the_case_refuses_to_start(string key, string value)
    {
        await using var app = Root.WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Record.Exception(() => app.Server);

        Assert.Contains(StartupChecksTests.Chain(error), e => e is OptionsValidationException && e.Message.Contains(key, StringComparison.Ordinal));
    }

    private async Task<HttpClient> Operator()
    {
        var token = await GatewayFactory.TokenFor(App, "operator");
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        return client;
    }
}
