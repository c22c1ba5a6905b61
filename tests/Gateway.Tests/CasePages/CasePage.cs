using System.Net;
using System.Text.RegularExpressions;

namespace EarlyWarning.Gateway.Tests.CasePages;

/// <summary>A case page as a link preview's crawler reads it: the raw HTML and its meta tags, no script run.</summary>
public sealed partial record CasePage(HttpStatusCode Status, string Html, string? CacheControl, string Csp)
{
    public static async Task<CasePage> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return new CasePage(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.CacheControl?.ToString(),
            string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
    }

    /// <summary>The decoded content of every meta tag named <paramref name="name"/> (by property or name).</summary>
    public IReadOnlyList<string> MetaAll(string name) =>
        [.. MetaTag().Matches(Html).Where(m => m.Groups["name"].Value == name).Select(m => WebUtility.HtmlDecode(m.Groups["content"].Value))];

    /// <summary>The one meta tag named <paramref name="name"/>'s decoded content.</summary>
    public string Meta(string name) => Assert.Single(MetaAll(name));

    /// <summary>Every opening tag of this element, as written.</summary>
    public IReadOnlyList<string> Tags(string element) =>
        [.. Regex.Matches(Html, $"<{element}\\b[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value)];

    // A well-formed attribute is a quoted run without quotes: a name that broke out of it would not match.
    [GeneratedRegex("""<meta (?:property|name)="(?<name>[^"]*)" content="(?<content>[^"]*)">""")]
    private static partial Regex MetaTag();
}
