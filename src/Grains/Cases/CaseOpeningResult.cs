namespace EarlyWarning.Grains.Cases;

/// <summary>What an idempotent opening did, and the case it answers with (null when the key was reused).</summary>
[GenerateSerializer, Immutable, Alias("ew.case-opening-result")]
public sealed record CaseOpeningResult(CaseOpeningOutcome Outcome, CaseSnapshot? Case);
