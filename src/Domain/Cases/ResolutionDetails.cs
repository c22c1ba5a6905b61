namespace EarlyWarning.Domain.Cases;

/// <summary>Which <see cref="CaseOutcome"/> each <see cref="ResolutionDetail"/> belongs to.</summary>
public static class ResolutionDetails
{
    /// <summary>The outcome a detail refines: withdrawn and false reports are cancelled cases, the rest found.</summary>
    public static CaseOutcome OutcomeOf(ResolutionDetail detail) =>
        detail is ResolutionDetail.Withdrawn or ResolutionDetail.FalseReport ? CaseOutcome.Cancelled : CaseOutcome.Found;
}
