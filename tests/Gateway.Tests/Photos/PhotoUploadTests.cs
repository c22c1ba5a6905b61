using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using SkiaSharp;

namespace EarlyWarning.Gateway.Tests.Photos;

/// <summary>A case's photo held by the system: uploaded, re-encoded, served, withdrawn on resolve.</summary>
[Trait("Category", "Safeguarding")]
public sealed class PhotoUploadTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Uploaded_photo_becomes_the_childs_photoUrl_served_at_a_random_url_with_cache_headers_and_nosniff()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var anyone = factory.CreateClient();
        var id = await OpenCase(operatorClient);

        var response = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg(3000, 2000)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photo = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = photo.GetProperty("photoUrl").GetString()!;
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Matches("^/api/photos/p-[0-9a-f]{32}$", url);
        Assert.DoesNotContain(id, url, StringComparison.Ordinal);
        var view = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(url, view.GetProperty("child").GetProperty("photoUrl").GetString());

        var served = await anyone.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", served.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(served.Headers.CacheControl is { Private: true, MaxAge: not null } cache && cache.Extensions.Any(e => e.Name == "immutable"), served.Headers.CacheControl?.ToString());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        using (var image = SKBitmap.Decode(bytes))
        {
            // Made once at upload: the phone size, its longer side at most 1024.
            Assert.Equal((1024, 683), (image.Width, image.Height));
        }

        Assert.Equal(bytes.Length, photo.GetProperty("size").GetInt64());
        Assert.Equal(Sha1Of(bytes), photo.GetProperty("sha1").GetString());
        using var thumbnail = SKBitmap.Decode(await anyone.GetByteArrayAsync(photo.GetProperty("mapUrl").GetString()));
        Assert.Equal(160, Math.Max(thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task After_resolve_the_photo_answers_410_at_once_to_anyone_without_an_operator_or_supervisor_token()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var field = await factory.CreateClientAs("field1");
        using var anyone = factory.CreateClient();
        var id = await OpenCase(operatorClient);
        var url = await Upload(operatorClient, id, TestImages.Jpeg());
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(url)).StatusCode);

        var resolved = await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var gone = await anyone.GetAsync(url);
        var goneMap = await anyone.GetAsync(url + "/map");
        var goneForField = await field.GetAsync(url);
        started.Stop();

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, goneMap.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, goneForField.StatusCode);
        Assert.True(gone.Headers.CacheControl?.NoStore, "a 410 is not cached");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"took {started.Elapsed}");
        await Requests.Problem(gone);

        // The control room keeps it (until retention), uncached.
        var kept = await operatorClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.True(kept.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Exif_and_gps_are_stripped_by_the_reencode()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);
        var original = TestImages.JpegWithGps();
        Assert.Contains((byte)0xE1, TestImages.Markers(original));
        Assert.True(original.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(TestImages.GpsMarker)) > 0);

        var url = await Upload(operatorClient, id, original);
        foreach (var served in new[] { await operatorClient.GetByteArrayAsync(url), await operatorClient.GetByteArrayAsync(url + "/map") })
        {
            Assert.DoesNotContain((byte)0xE1, TestImages.Markers(served));
            Assert.True(served.AsSpan().IndexOf("Exif"u8) < 0, "no EXIF header anywhere");
            Assert.True(served.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(TestImages.GpsMarker)) < 0, "no GPS text anywhere");
        }
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public async Task Png_and_webp_are_accepted_and_served_as_jpeg(SKEncodedImageFormat format, string sentAs)
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);

        var url = await Upload(operatorClient, id, TestImages.Encode(format, 300, 200), sentAs);

        var served = await operatorClient.GetAsync(url);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        using var image = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal((300, 200), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_with_problem_details_naming_file()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);
        var bomb = TestImages.JpegClaiming(60000, 60000);
        Assert.True(bomb.Length < 10_000);

        var response = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(bomb));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Requests.Problem(response);
        Assert.Equal(["file"], Requests.ErrorFields(problem));
        Assert.Contains("60000 × 60000", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await AssertNoPhoto(operatorClient, id);
    }

    [Fact]
    public async Task A_truncated_image_is_refused_with_400_naming_file()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);

        var response = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Truncated(0.5)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["file"], Requests.ErrorFields(await Requests.Problem(response)));
        await AssertNoPhoto(operatorClient, id);
    }

    [Fact]
    public async Task A_wrong_type_is_refused_with_415_naming_file_whatever_it_claims_to_be()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);

        var gif = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Gif(), contentType: "image/jpeg"));
        var text = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form("<svg onload=alert(1)>"u8.ToArray(), contentType: "image/png"));
        var notMultipart = await operatorClient.PostAsync($"/api/cases/{id}/photo", new ByteArrayContent(TestImages.Jpeg()) { Headers = { ContentType = new("image/jpeg") } });

        foreach (var response in new[] { gif, text, notMultipart })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal(["file"], Requests.ErrorFields(await Requests.Problem(response)));
        }

        await AssertNoPhoto(operatorClient, id);
    }

    [Fact]
    public async Task A_file_over_5_mb_is_refused_with_413_naming_file()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);
        var large = new byte[(5 * 1024 * 1024) + 1];
        TestImages.Jpeg().CopyTo(large, 0);

        var response = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(large));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(["file"], Requests.ErrorFields(await Requests.Problem(response)));
        await AssertNoPhoto(operatorClient, id);
    }

    [Fact]
    public async Task A_missing_file_field_is_refused_with_400_naming_file()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);

        var response = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg(), field: "image"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["file"], Requests.ErrorFields(await Requests.Problem(response)));
    }

    [Fact]
    public async Task Field_teams_may_not_upload_and_nor_may_anyone_unsigned()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var field = await factory.CreateClientAs("field1");
        using var anyone = factory.CreateClient();
        var id = await OpenCase(operatorClient);

        Assert.Equal(HttpStatusCode.Forbidden, (await field.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg()))).StatusCode);
        await AssertNoPhoto(operatorClient, id);
    }

    [Fact]
    public async Task Unknown_and_resolved_cases_take_no_photo()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        var id = await OpenCase(operatorClient);
        await operatorClient.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "cancelled" });

        var resolved = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg()));
        Assert.Equal(HttpStatusCode.Conflict, resolved.StatusCode);
        Assert.Equal(["file"], Requests.ErrorFields(await Requests.Problem(resolved)));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync("/api/cases/c-nobody/photo", TestImages.Form(TestImages.Jpeg()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync("/api/photos/p-00000000000000000000000000000000")).StatusCode);
    }

    [Fact]
    public async Task A_new_photo_replaces_the_old_one_whose_url_is_gone_and_alerted_phones_get_it_as_an_update()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        using var anyone = factory.CreateClient();
        // Ohrid: no other test of this class opens a case there.
        var fieldToken = (await factory.TokenFor("field4")).AccessToken;
        await using var hub = await factory.ConnectHubAsync(fieldToken);
        var inbox = new AlertInbox(hub);
        await hub.InvokeAsync("UpdateLocation", 41.1172, 20.8016);
        var id = (await Requests.OpenCase(operatorClient, "Marko", 41.1170, 20.8010)).GetProperty("id").GetString()!;
        await inbox.WaitFor(AlertInbox.Is(id, "new"), "the new alert");

        var first = await Upload(operatorClient, id, TestImages.Jpeg());
        var second = await Upload(operatorClient, id, TestImages.Jpeg(320, 240));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(second)).StatusCode);
        var update = await inbox.WaitFor(
            m => AlertInbox.Is(id, "update")(m) && m.GetProperty("child").GetProperty("photoUrl").GetString() == second, "an update with the new photo");
        Assert.Equal(second, update.GetProperty("child").GetProperty("photoUrl").GetString());
        var timeline = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
        Assert.Equal(["photo-added", "photo-replaced"], timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Where(k => k!.StartsWith("photo-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Photos_uploaded_at_once_leave_only_the_cases_current_one_stored()
    {
        using var operatorClient = await factory.CreateClientAs("operator");
        // Kratovo: no other test of this class opens a case there.
        var id = (await Requests.OpenCase(operatorClient, "Vesna", 42.0783, 22.1750)).GetProperty("id").GetString()!;
        await Upload(operatorClient, id, TestImages.Jpeg());

        // Each upload deletes the photo its own SetPhoto replaced, so none is left behind unreferenced.
        var urls = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Upload(operatorClient, id, TestImages.Jpeg(300 + (i * 10), 200))));

        var current = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/cases/{id}")).GetProperty("child").GetProperty("photoUrl").GetString();
        Assert.Contains(current, urls);
        foreach (var url in urls.Where(u => u != current))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(current)).StatusCode);
    }

    [Fact]
    public async Task Cap_carries_the_photo_as_a_resource_whose_size_and_sha1_match_the_served_bytes_and_the_cancel_none()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        using var partner = factory.CreateClient();
        var id = await OpenCase(supervisor, level: "public");
        var url = await Upload(supervisor, id, TestImages.Jpeg());
        var served = await partner.GetByteArrayAsync(url);

        var cap = await Cap.CapEndpointsTests.CapFor(partner, id);

        XNamespace ns = "urn:oasis:names:tc:emergency:cap:1.2";
        Assert.Equal("Update", cap.Root!.Element(ns + "msgType")!.Value);
        var resources = cap.Descendants(ns + "resource").ToList();
        Assert.Equal(EarlyWarning.Domain.Alerts.AlertLanguage.All.Count, resources.Count); // one per language
        var resource = resources[0];
        Assert.Equal("image/jpeg", resource.Element(ns + "mimeType")!.Value);
        Assert.Equal(served.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), resource.Element(ns + "size")!.Value);
        Assert.Equal(Sha1Of(served), resource.Element(ns + "digest")!.Value);
        var uri = new Uri(resource.Element(ns + "uri")!.Value);
        Assert.True(uri.IsAbsoluteUri);
        Assert.Equal(url, uri.AbsolutePath);
        Assert.Equal(served, await partner.GetByteArrayAsync(uri.PathAndQuery));

        await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found" });
        var cancel = await Cap.CapEndpointsTests.CapFor(partner, id);
        Assert.Empty(cancel.Descendants(ns + "resource"));
        Assert.DoesNotContain(url, cancel.ToString(), StringComparison.Ordinal);
    }

    public static async Task<string> OpenCase(HttpClient client, string level = "internal") =>
        (await Requests.OpenCase(client, "Ana", Requests.Skopje.Lat, Requests.Skopje.Lon, level)).GetProperty("id").GetString()!;

    public static async Task<string> Upload(HttpClient client, string caseId, byte[] image, string contentType = "image/jpeg")
    {
        var response = await client.PostAsync($"/api/cases/{caseId}/photo", TestImages.Form(image, contentType: contentType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
    }

#pragma warning disable CA5350 // CAP's digest is SHA-1: the test computes what a partner would.
    private static string Sha1Of(byte[] data) => Convert.ToHexStringLower(SHA1.HashData(data));
#pragma warning restore CA5350

    private static async Task AssertNoPhoto(HttpClient client, string caseId)
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
        Assert.True(view.GetProperty("child").TryGetProperty("photoUrl", out var url) is false || url.ValueKind == JsonValueKind.Null);
    }
}
