namespace EarlyWarning.Gateway.Partners;

/// <summary>The body of <c>POST /api/partners</c>: countries are ISO codes (<c>MK</c>…), languages alert languages (<c>mk</c>…).</summary>
public sealed record RegisterPartnerRequest(string? Name, string? Url, string[]? Countries, string[]? Languages, string? Secret);
