using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The partner feeds through ASP.NET Core output caching (<see cref="CapCachePolicy"/>): a CAP
/// message keyed by its case's version, the Atom feed by the public cases and their versions.
/// </summary>
public static class CapCache
{
    public const string Feed = "cap-feed";
    public const string Message = "cap-message";

    /// <summary>A message's circles grow with time between versions: at walking speed about 40 m in 30 s.</summary>
    public static readonly TimeSpan MessageExpiry = TimeSpan.FromSeconds(30);

    /// <summary>An entry's <c>updated</c> follows sightings, which the case list does not count.</summary>
    public static readonly TimeSpan FeedExpiry = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddEarlyWarningCapCache(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CapOptions>().BindConfiguration(CapOptions.Section);
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(Feed, new CapCachePolicy(FeedVersion, FeedExpiry));
            o.AddPolicy(Message, new CapCachePolicy(MessageVersion, MessageExpiry));
        });
        return builder;
    }

    /// <summary>
    /// The listed cases and their versions (<see cref="CapFeedCases"/>), each as its case stands
    /// (<see cref="CapFeedCases.AsTheCasesStand"/>): a case opened, escalated, resolved (even before
    /// the directory hears of it), reaching a country or leaving the feed changes it. The query (<c>country</c>) is part of the key.
    /// </summary>
    private static async ValueTask<string?> FeedVersion(HttpContext context)
    {
        var listed = await CapFeedCases.ForRequest(context);
        var lines = string.Join('\n', listed.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Id}:{c.Version}:{c.Status}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(lines)));
    }

    /// <summary>
    /// The case's version; null for an id no case could have, which the endpoint's id filter
    /// answers without a grain (this policy runs before it, so it checks the same form), and for a
    /// resolved case.
    /// </summary>
    private static async ValueTask<string?> MessageVersion(HttpContext context)
    {
        if (context.Request.RouteValues["caseId"] is not string caseId || !CaseId.IsValid(caseId))
        {
            return null;
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        // A resolved case's zone names no child; its Cancel is served uncached, as it expires
        // (Cap:CancelRetention) without a new version.
        return await grains.GetGrain<ICaseGrain>(caseId).GetZone() is { Child: not null } zone
            ? zone.Version.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
