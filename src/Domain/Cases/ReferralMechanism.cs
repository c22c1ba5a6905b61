namespace EarlyWarning.Domain.Cases;

/// <summary>Where a found child was referred when trafficking or exploitation is indicated.</summary>
public enum ReferralMechanism
{
    /// <summary>The national referral mechanism for victims of trafficking.</summary>
    NationalReferralMechanism,

    /// <summary>Social services (a centre for social work).</summary>
    SocialServices,

    /// <summary>Another body, named in the referral.</summary>
    Other,
}
