using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Gateway.Tests.Photos;

namespace EarlyWarning.Gateway.Tests.CasePages;

/// <summary>
/// A public case's own page, <c>/c/{id}</c>, as a link preview's crawler and a browser read it:
/// the child, the numbers to call and Open Graph tags while the case is active; after resolve,
/// at the next read, the outcome and nothing of the child; an internal case as unknown as none.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CasePageTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    // Kičevo and Kruševo: away from the other test classes' places.
    private static readonly (double Lat, double Lon) Kicevo = (41.5127, 20.9589);
    private static readonly (double Lat, double Lon) Krusevo = (41.3689, 21.2489);

    [Fact]
    public async Task Before_resolve_the_page_shows_the_child_with_open_graph_tags_and_after_it_only_that_the_child_was_found()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = await OpenPublicCase(supervisor, "Marija Petrovska", "green coat, pink boots", Kicevo);
        var photo = await supervisor.PostAsync($"/api/cases/{id}/photo", TestImages.Form(TestImages.Jpeg()));
        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var photoUrl = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoUrl").GetString()!;
        using var anonymous = factory.CreateClient();

        var page = await CasePage.Get(anonymous, $"/c/{id}?lang=en");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("no-store", page.CacheControl);
        Assert.Equal("Missing child: Marija Petrovska, 9", page.Meta("og:title"));
        Assert.Contains("green coat, pink boots", page.Meta("og:description"), StringComparison.Ordinal);
        Assert.Contains("Kičevo", page.Meta("og:description"), StringComparison.Ordinal);
        Assert.Equal($"http://localhost{photoUrl}", page.Meta("og:image"));
        Assert.Equal($"http://localhost/c/{id}", page.Meta("og:url"));
        Assert.Equal("summary_large_image", page.Meta("twitter:card"));
        Assert.Contains($"src=\"{photoUrl}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:192\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:116000\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"sighting-form\"", page.Html, StringComparison.Ordinal);
        var view = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/cases/{id}");
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal("Marija Petrovska", view.GetProperty("child").GetProperty("name").GetString());
        Assert.Equal("Polygon", view.GetProperty("zone").GetProperty("type").GetString());
        Assert.Equal("Kičevo", view.GetProperty("lastSeen").GetProperty("town").GetString());

        var resolvedAt = DateTimeOffset.UtcNow;
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "found", detail = "found-safe" })).EnsureSuccessStatusCode();
        var closed = await CasePage.Get(anonymous, $"/c/{id}?lang=en");
        var closedView = await anonymous.GetStringAsync($"/api/public/cases/{id}");
        Assert.True(DateTimeOffset.UtcNow - resolvedAt < TimeSpan.FromSeconds(1), "reading the page after resolve took over a second");

        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Equal("Appeal closed", closed.Meta("og:title"));
        Assert.Equal("The child has been found. Thank you to everyone who helped.", closed.Meta("og:description"));
        Assert.Equal("summary_large_image", closed.Meta("twitter:card"));
        Assert.Equal("noindex", closed.Meta("robots"));
        foreach (var gone in new[] { "Marija", "Petrovska", "green coat", photoUrl, "Kičevo", "sighting-form", "found-safe" })
        {
            Assert.DoesNotContain(gone, closed.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(gone, closedView, StringComparison.Ordinal);
        }

        Assert.Equal("""{"id":"ID","status":"resolved","outcome":"found","exercise":false}""".Replace("ID", id, StringComparison.Ordinal), closedView);
    }

    [Fact]
    public async Task A_withdrawn_appeal_says_so_in_albanian_chosen_by_accept_language()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = await OpenPublicCase(supervisor, "Blerim Aliu", "grey hoodie", Kicevo);
        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "cancelled", detail = "false-report" })).EnsureSuccessStatusCode();
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE, sq;q=0.8, en;q=0.5");

        var page = await CasePage.Get(anonymous, $"/c/{id}");

        Assert.Contains("<html lang=\"sq\">", page.Html, StringComparison.Ordinal);
        Assert.Equal("Apeli u mbyll", page.Meta("og:title"));
        Assert.Equal("Apeli u tërhoq. Faleminderit për ndihmën.", page.Meta("og:description"));
        Assert.DoesNotContain("Blerim", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("false-report", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_internal_case_gets_the_same_404_page_as_an_unknown_or_malformed_id()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var internalId = (await Requests.OpenCase(supervisor, "Sara Internal", Krusevo.Lat, Krusevo.Lon)).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateClient();

        var internalPage = await CasePage.Get(anonymous, $"/c/{internalId}?lang=en");
        var unknownPage = await CasePage.Get(anonymous, "/c/c-0000000000000000000000000000000?lang=en");
        var malformedPage = await CasePage.Get(anonymous, "/c/not%20a%20case?lang=en");
        var internalView = await anonymous.GetAsync($"/api/public/cases/{internalId}");
        var unknownView = await anonymous.GetAsync("/api/public/cases/c-0000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, internalPage.Status);
        Assert.Equal(unknownPage.Status, internalPage.Status);
        Assert.Equal(unknownPage.Html, internalPage.Html);
        Assert.Equal(unknownPage.Html, malformedPage.Html);
        Assert.Contains("There is no public appeal at this address.", internalPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sara", internalPage.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, internalView.StatusCode);
        Assert.Equal(
            (await Requests.Problem(unknownView)).GetProperty("title").GetString(),
            (await Requests.Problem(internalView)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_hostile_name_stays_text_in_the_page_and_its_meta_attributes_under_a_strict_csp()
    {
        const string Hostile = "Ana\"><script>alert('x')</script><meta property=\"og:title\" content=\"pwned";
        using var supervisor = await factory.CreateClientAs("supervisor");
        var id = await OpenPublicCase(supervisor, Hostile, "a <b>bold</b> & \"quoted\" coat", Krusevo);
        using var anonymous = factory.CreateClient();

        var page = await CasePage.Get(anonymous, $"/c/{id}?lang=en");

        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", page.Html, StringComparison.Ordinal);
        // The only script is the page's own bundle, and the one og:title holds the whole name as text.
        Assert.Single(page.Tags("script"));
        Assert.Contains("src=\"/build/case.js\"", page.Tags("script")[0], StringComparison.Ordinal);
        Assert.Single(page.MetaAll("og:title"));
        Assert.Equal($"Missing child: {Hostile}, 9", page.Meta("og:title"));
        Assert.Contains("a <b>bold</b> & \"quoted\" coat", page.Meta("og:description"), StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", page.Csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", page.Csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exercise_is_marked_on_the_page_and_in_og_title_in_each_language()
    {
        using var supervisor = await factory.CreateClientAs("supervisor");
        var opened = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Petar Drill", age = 7, description = "yellow cap" },
            lastSeen = new { lat = Krusevo.Lat, lon = Krusevo.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-2) },
            travelMode = "walking",
            level = "public",
            exercise = true,
        });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var anonymous = factory.CreateClient();

        foreach (var (lang, mark) in new[] { ("mk", "ВЕЖБА"), ("sq", "USHTRIM"), ("en", "EXERCISE") })
        {
            var page = await CasePage.Get(anonymous, $"/c/{id}?lang={lang}");
            Assert.StartsWith($"{mark}: ", page.Meta("og:title"), StringComparison.Ordinal);
            Assert.Contains("class=\"exercise-mark\"", page.Html, StringComparison.Ordinal);
        }

        (await supervisor.PostAsJsonAsync($"/api/cases/{id}/resolve", new { outcome = "cancelled" })).EnsureSuccessStatusCode();
        var closed = await CasePage.Get(anonymous, $"/c/{id}?lang=en");
        Assert.Equal("EXERCISE: Appeal closed", closed.Meta("og:title"));
    }

    private static async Task<string> OpenPublicCase(HttpClient supervisor, string name, string description, (double Lat, double Lon) at)
    {
        var opened = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name, age = 9, description },
            lastSeen = new { lat = at.Lat + 0.003, lon = at.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-20) },
            travelMode = "walking",
            level = "public",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
