namespace EarlyWarning.Grains.Partners;

/// <summary>What one POST to a partner came to: its HTTP status, or the error when none came.</summary>
public sealed record PartnerAnswer(int? StatusCode, string? Error)
{
    /// <summary>A 2xx: the partner has the message.</summary>
    public bool Accepted => StatusCode is >= 200 and < 300;
}
