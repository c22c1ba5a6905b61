using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>What a case records to protect the child: its category, the request to publish, and how it ended. Operators only.</summary>
/// <param name="Category">The kind of disappearance.</param>
/// <param name="Escalation">The latest request to go public, if any.</param>
/// <param name="Detail">How it ended, finer than the outcome.</param>
/// <param name="Referral">Where the found child was referred.</param>
[GenerateSerializer, Immutable, Alias("ew.case-safeguarding")]
public sealed record CaseSafeguarding(CaseCategory Category, EscalationRecord? Escalation, ResolutionDetail? Detail, CaseReferral? Referral);
