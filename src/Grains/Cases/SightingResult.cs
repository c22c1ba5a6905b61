namespace EarlyWarning.Grains.Cases;

/// <summary>The answer to a sighting report: the stored sighting, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("ew.sighting-result")]
public sealed record SightingResult(SightingRecord? Sighting, CaseRefusal Refusal);
