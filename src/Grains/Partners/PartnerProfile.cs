namespace EarlyWarning.Grains.Partners;

/// <summary>
/// A partner as supervisors see it: where its webhook is, which countries' cases it takes (ISO
/// codes of <c>Countries.Codes</c>) and in which languages (<c>AlertLanguage.All</c>). No secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.partner-profile")]
public sealed record PartnerProfile(
    string Id, string Name, string Url, string[] Countries, string[] Languages, DateTimeOffset CreatedAt, string CreatedBy);
