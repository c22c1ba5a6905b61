using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// The cases an Atom feed lists: public ones that are active, or resolved less than
/// <see cref="CapOptions.CancelRetention"/> ago (their Cancel entry, so pollers see it); with a
/// country, only those whose zone has reached it. The feed and its cache key both select with this.
/// </summary>
public static class CapFeedCases
{
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

    /// <summary>The <c>country</c> query parameter, upper-cased; null when absent.</summary>
    public static string? Country(HttpRequest request) =>
        request.Query["country"].ToString() is { Length: > 0 } code ? code.ToUpperInvariant() : null;
}
