using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The cases an Atom feed lists: public ones that are active, or resolved less than
/// <see cref="CapOptions.CancelRetention"/> ago (their Cancel entry, so pollers see it); with a
/// country, only those whose zone has reached it. The feed and its cache key both select with this.
/// </summary>
public static class CapFeedCases
{
    private static readonly object RequestItem = new();

    public static IEnumerable<CaseSummary> Select(IEnumerable<CaseSummary> cases, DateTimeOffset now, TimeSpan cancelRetention, string? country) =>
        cases.Where(c => c.Level == CaseLevel.Public
            && (c.Status == CaseStatus.Active || (c.ResolvedAt is { } at && now - at < cancelRetention))
            && (country is null || (c.Countries ?? []).Contains(country, StringComparer.Ordinal)));

    /// <summary>
    /// <paramref name="cases"/> as the cases themselves stand: an entry the directory still holds
    /// active is listed resolved (its Cancel, naming no child) once its case no longer alerts. A
    /// resolve stores itself before it updates the directory, and that update may be owed for a
    /// while (the directory's silo died): the feed then named the child of a resolved case.
    /// </summary>
    public static async Task<CaseSummary[]> AsTheCasesStand(IGrainFactory grains, IEnumerable<CaseSummary> cases)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await Task.WhenAll(cases.Select(async c =>
            c.Status == CaseStatus.Active && !await grains.GetGrain<ICaseGrain>(c.Id).IsAlerting() ? c with { Status = CaseStatus.Resolved } : c));
    }

    /// <summary>
    /// The cases the request's feed lists, as they stand, worked out once per request: the output
    /// cache's key (<see cref="CapCache"/>) and, on a miss, the feed itself both read them; each
    /// used to ask every active case <see cref="ICaseGrain.IsAlerting"/> on its own.
    /// </summary>
    public static async Task<CaseSummary[]> ForRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(RequestItem, out var known) && known is CaseSummary[] listed)
        {
            return listed;
        }

        var services = context.RequestServices;
        var grains = services.GetRequiredService<IGrainFactory>();
        var now = services.GetRequiredKeyedService<TimeProvider>(Clock.Key).GetUtcNow();
        var retention = services.GetRequiredService<IOptions<CapOptions>>().Value.CancelRetention;
        var all = await grains.GetGrain<ICaseDirectoryGrain>(0).List(null);
        listed = await AsTheCasesStand(grains, Select(all, now, retention, Country(context.Request)));
        context.Items[RequestItem] = listed;
        return listed;
    }

    /// <summary>The <c>country</c> query parameter, upper-cased; null when absent.</summary>
    public static string? Country(HttpRequest request) =>
        request.Query["country"].ToString() is { Length: > 0 } code ? code.ToUpperInvariant() : null;
}
