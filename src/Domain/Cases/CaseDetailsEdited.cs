namespace EarlyWarning.Domain.Cases;

/// <summary>
/// The outcome of <see cref="CaseDetails.Apply"/>: the details before and after, and the fields
/// that changed, named as the API names them (<c>child.name</c>, <c>travelMode</c>…).
/// </summary>
public sealed record CaseDetailsEdited(CaseDetails Before, CaseDetails After, IReadOnlyList<string> ChangedFields)
{
    /// <summary>The API's name for <see cref="CaseDetails.ChildName"/>.</summary>
    public const string ChildNameField = "child.name";

    /// <summary>The API's name for <see cref="CaseDetails.ChildAge"/>.</summary>
    public const string ChildAgeField = "child.age";

    /// <summary>The API's name for <see cref="CaseDetails.ChildSex"/>.</summary>
    public const string ChildSexField = "child.sex";

    /// <summary>The API's name for <see cref="CaseDetails.ChildDescription"/>.</summary>
    public const string ChildDescriptionField = "child.description";

    /// <summary>The API's name for <see cref="CaseDetails.TravelMode"/>.</summary>
    public const string TravelModeField = "travelMode";

    /// <summary>The API's name for <see cref="CaseDetails.Category"/>.</summary>
    public const string CategoryField = "category";

    /// <summary>Nothing changed: no new version, no timeline entry.</summary>
    public bool IsEmpty => ChangedFields.Count == 0;

    /// <summary>What an alert shows of the child changed: a new version for everyone already alerted.</summary>
    public bool ChangesChild =>
        Before.ChildName != After.ChildName || Before.ChildAge != After.ChildAge
        || Before.ChildSex != After.ChildSex || Before.ChildDescription != After.ChildDescription;

    /// <summary>The zone grows at another speed from now on: it is recomputed from its anchors and pushed.</summary>
    public bool ChangesZone => Before.TravelMode != After.TravelMode;

    /// <summary>Anything the public sees changed (the child or the zone); a category alone is internal.</summary>
    public bool IsPublic => ChangesChild || ChangesZone;
}
