namespace EarlyWarning.Domain.Alerts;

/// <summary>What an alert's forms may say. A cancel's forms never name the child, whatever is given.</summary>
/// <param name="Kind">new, update or cancel.</param>
/// <param name="ChildName">The child's name; shortened at a word boundary (…) as a last resort.</param>
/// <param name="ChildAge">The child's age in years; dropped before the name is shortened.</param>
/// <param name="Place">Where the child was last seen (a town), in the recipient's script; dropped before the age.</param>
/// <param name="Description">The child's description (long form only); shortened at a word boundary, then dropped first.</param>
/// <param name="Exercise">A drill: the form begins with the exercise mark (and, when long, the note).</param>
public sealed record AlertFacts(
    AlertKind Kind,
    string? ChildName = null,
    int? ChildAge = null,
    string? Place = null,
    string? Description = null,
    bool Exercise = false);
