using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>The family's or guardian's consent to publish. Personal data: operators only.</summary>
/// <param name="GivenBy">Who consented: a name or a role (mother, legal guardian, centre for social work).</param>
/// <param name="Method">In person, by phone or in writing.</param>
/// <param name="GivenAt">When.</param>
[GenerateSerializer, Immutable, Alias("ew.family-consent")]
public sealed record FamilyConsent(string GivenBy, ConsentMethod Method, DateTimeOffset GivenAt);
