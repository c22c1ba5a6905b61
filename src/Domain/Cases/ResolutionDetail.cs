namespace EarlyWarning.Domain.Cases;

/// <summary>How a resolved case ended, finer than <see cref="CaseOutcome"/>; each belongs to one outcome (<see cref="ResolutionDetails.OutcomeOf"/>).</summary>
public enum ResolutionDetail
{
    /// <summary>Found, unharmed.</summary>
    FoundSafe,

    /// <summary>Found, hurt or exploited.</summary>
    FoundHarmed,

    /// <summary>Found dead.</summary>
    FoundDeceased,

    /// <summary>Came home.</summary>
    ReturnedHome,

    /// <summary>Located in another country.</summary>
    LocatedAbroad,

    /// <summary>The report was withdrawn.</summary>
    Withdrawn,

    /// <summary>The report turned out to be false.</summary>
    FalseReport,
}
