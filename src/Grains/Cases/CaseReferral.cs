using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A found child's referral when trafficking or exploitation is indicated. Operators only, never public.</summary>
/// <param name="Mechanism">National referral mechanism, social services or another body.</param>
/// <param name="ReceivingBody">The body that took the referral (e.g. a centre for social work).</param>
/// <param name="ReferredAt">When.</param>
/// <param name="ReferredBy">Who referred the child.</param>
[GenerateSerializer, Immutable, Alias("ew.case-referral")]
public sealed record CaseReferral(ReferralMechanism Mechanism, string ReceivingBody, DateTimeOffset ReferredAt, string ReferredBy);
