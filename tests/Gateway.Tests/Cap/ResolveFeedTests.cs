using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Cap;

/// <summary>A resolve whose tile cannot store its cancel, seen by partners and operators over HTTP.</summary>
public sealed class ResolveFeedTests
{
    private static readonly GeoPoint Prilep = new(41.345, 21.555);

    [Fact]
    public async Task Resolve_whose_tile_cancel_fails_answers_200_and_the_partner_feeds_carry_its_nameless_cancel_within_a_second()
    {
        var faults = new StorageFaults();
        await using var factory = GatewayFactory.WithStorageFaults(faults);
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        await Requests.Subscribe(factory.CreateClient(), Prilep.Lat, Prilep.Lon);
        var id = (await Requests.OpenCase(supervisor, "Vesna", Prilep.Lat, Prilep.Lon + 0.005, level: "public")).GetProperty("id").GetString()!;
        Assert.Contains($"/api/cap/{id}", await partner.GetStringAsync("/api/cap/alerts.atom"), StringComparison.Ordinal);
        var tile = TileKey.FromPoint(Prilep, new RegionOptions().TileZoom).ToGrainKey();
        faults.FailWrites((stateName, grainId, state) => stateName == "region" && grainId.Key.ToString() == tile
            && state is RegionState region && !region.Zones.ContainsKey(id));

        var resolve = await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var clock = Stopwatch.StartNew();
        var feed = await partner.GetStringAsync("/api/cap/alerts.atom");
        var cap = await partner.GetStringAsync($"/api/cap/{id}");
        clock.Stop();
        var retry = await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "cancelled" });

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var answer = await resolve.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", answer.GetProperty("status").GetString());
        Assert.True(answer.GetProperty("cancelsPending").GetBoolean());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the feeds answered in {clock.Elapsed}");
        // The case stays in the feed as its Cancel, which names no child.
        Assert.Contains($"/api/cap/{id}", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Vesna", feed, StringComparison.Ordinal);
        Assert.Contains("<msgType>Cancel</msgType>", cap, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("found", again.GetProperty("outcome").GetString());
        Assert.Equal(answer.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Resolve_whose_directory_update_fails_leaves_no_child_name_in_the_feed_even_one_cached_before()
    {
        var faults = new StorageFaults();
        await using var factory = GatewayFactory.WithStorageFaults(faults);
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var id = (await Requests.OpenCase(supervisor, "Marija", Prilep.Lat - 0.01, Prilep.Lon, level: "public")).GetProperty("id").GetString()!;
        // Read (and cached) while the case is active: it names the child.
        Assert.Contains("Marija", await partner.GetStringAsync("/api/cap/alerts.atom"), StringComparison.Ordinal);
        // The case directory cannot store anything now: the resolve's update of it is owed, as
        // when the directory's silo has died; the directory keeps the case listed active.
        faults.FailWrites((stateName, _, _) => stateName.StartsWith("case-directory", StringComparison.Ordinal));

        var resolve = await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var feed = await partner.GetStringAsync("/api/cap/alerts.atom");

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.True((await resolve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelsPending").GetBoolean());
        Assert.Contains($"/api/cap/{id}", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Marija", feed, StringComparison.Ordinal);
    }
}
