using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A correction of an open case by <paramref name="Actor"/>: each value given (not null) replaces the
/// current one; texts arrive trimmed and validated. Where and when the child was last seen, the
/// level and the exercise flag are not editable.
/// </summary>
/// <param name="Actor">Who edits (the timeline names them).</param>
/// <param name="ChildName">The child's name, public while the case alerts.</param>
/// <param name="ChildAge">The child's age in years.</param>
/// <param name="ChildSex">The child's sex as the alert shows it.</param>
/// <param name="ChildDescription">What the child looks like and wears.</param>
/// <param name="TravelMode">How the child is believed to move: the zone grows at its speed.</param>
/// <param name="Category">The kind of disappearance; internal, never public.</param>
[GenerateSerializer, Immutable, Alias("ew.case-edit")]
public sealed record CaseEdit(
    string Actor,
    string? ChildName = null,
    int? ChildAge = null,
    string? ChildSex = null,
    string? ChildDescription = null,
    TravelMode? TravelMode = null,
    CaseCategory? Category = null)
{
    /// <summary>The edit as the domain applies it.</summary>
    public CaseDetailsEdit ToDetailsEdit() => new(ChildName, ChildAge, ChildSex, ChildDescription, TravelMode, Category);
}
