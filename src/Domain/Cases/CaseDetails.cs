namespace EarlyWarning.Domain.Cases;

/// <summary>
/// What the control room may correct after a case is opened: the child as the public sees them,
/// how the child is believed to move, and the internal category. Names and dates of the opening
/// (where and when last seen, the level, whether it is an exercise) are not among them.
/// </summary>
public sealed record CaseDetails(string ChildName, int ChildAge, string? ChildSex, string ChildDescription, TravelMode TravelMode, CaseCategory Category)
{
    /// <summary>
    /// Applies <paramref name="edit"/>: each value it gives that differs from this one replaces it,
    /// all at once; a value equal to the current one is not a change.
    /// </summary>
    public CaseDetailsEdited Apply(CaseDetailsEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var changed = new List<string>();
        var after = new CaseDetails(
            Pick(ChildName, edit.ChildName, CaseDetailsEdited.ChildNameField, changed),
            PickValue(ChildAge, edit.ChildAge, CaseDetailsEdited.ChildAgeField, changed),
            Pick(ChildSex, edit.ChildSex, CaseDetailsEdited.ChildSexField, changed),
            Pick(ChildDescription, edit.ChildDescription, CaseDetailsEdited.ChildDescriptionField, changed),
            PickValue(TravelMode, edit.TravelMode, CaseDetailsEdited.TravelModeField, changed),
            PickValue(Category, edit.Category, CaseDetailsEdited.CategoryField, changed));
        return new CaseDetailsEdited(this, after, [.. changed]);
    }

    private static T Pick<T>(T current, T? proposed, string field, List<string> changed)
        where T : class? =>
        proposed is null || EqualityComparer<T>.Default.Equals(current, proposed) ? current : Changed(proposed, field, changed);

    private static T PickValue<T>(T current, T? proposed, string field, List<string> changed)
        where T : struct =>
        proposed is not { } value || EqualityComparer<T>.Default.Equals(current, value) ? current : Changed(value, field, changed);

    private static T Changed<T>(T value, string field, List<string> changed)
    {
        changed.Add(field);
        return value;
    }
}
