namespace EarlyWarning.Grains.Cases;

/// <summary>What an idempotency key remembers. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.case-opening-state")]
public sealed class CaseOpeningState
{
    /// <summary>The hash of the request the key was first used with; null while the key is unused.</summary>
    [Id(0)] public string? Fingerprint { get; set; }

    /// <summary>The case the key opens, chosen by its first request.</summary>
    [Id(1)] public string? CaseId { get; set; }

    /// <summary>When the key was first used: it is forgotten a lifetime after.</summary>
    [Id(2)] public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>The case as the first call answered it; null until the case is open.</summary>
    [Id(3)] public CaseSnapshot? Answer { get; set; }
}
