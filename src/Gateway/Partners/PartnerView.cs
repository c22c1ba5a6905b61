using EarlyWarning.Grains.Partners;

namespace EarlyWarning.Gateway.Partners;

/// <summary>A partner as supervisors see it: never its secret.</summary>
public sealed record PartnerView(string Id, string Name, string Url, string[] Countries, string[] Languages, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PartnerView From(PartnerProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Name, p.Url, p.Countries, p.Languages, p.CreatedAt, p.CreatedBy);
    }
}
