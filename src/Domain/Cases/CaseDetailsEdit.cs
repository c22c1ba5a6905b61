namespace EarlyWarning.Domain.Cases;

/// <summary>A correction of a case's <see cref="CaseDetails"/>: each value given (not null) replaces the current one.</summary>
public sealed record CaseDetailsEdit(
    string? ChildName = null,
    int? ChildAge = null,
    string? ChildSex = null,
    string? ChildDescription = null,
    TravelMode? TravelMode = null,
    CaseCategory? Category = null);
