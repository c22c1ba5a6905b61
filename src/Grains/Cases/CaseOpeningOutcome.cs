namespace EarlyWarning.Grains.Cases;

/// <summary>How <see cref="ICaseOpeningGrain.Open"/> answered.</summary>
[GenerateSerializer, Alias("ew.case-opening-outcome")]
public enum CaseOpeningOutcome
{
    /// <summary>This call opened the case.</summary>
    Opened,

    /// <summary>An earlier call with this key and request opened it; this is its answer again.</summary>
    Replayed,

    /// <summary>The key was used with a different request: nothing opened.</summary>
    KeyReused,
}
