namespace EarlyWarning.Grains.Partners;

/// <summary>A partner and the secret its webhooks are signed with; the secret is stored, never given back.</summary>
[GenerateSerializer, Immutable, Alias("ew.partner-registration")]
public sealed record PartnerRegistration(PartnerProfile Profile, string Secret);
