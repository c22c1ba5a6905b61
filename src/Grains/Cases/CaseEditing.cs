using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Applies a <see cref="CaseEdit"/> to a case's state, all of it or nothing. A change the public
/// sees (the child, or the travel mode that grows the zone) is a new version owed to everyone
/// already alerted; a category alone is internal: stored and on the timeline, no new version.
/// </summary>
internal static class CaseEditing
{
    public static CaseDetailsEdited Apply(CaseState state, CaseEdit edit, DateTimeOffset now)
    {
        var opening = state.Opening!;
        var child = opening.Child;
        var before = new CaseDetails(child.Name, child.Age, child.Sex, child.Description, opening.TravelMode, opening.Category);
        var edited = before.Apply(edit.ToDetailsEdit());
        if (edited.IsEmpty)
        {
            return edited;
        }

        var after = edited.After;
        state.Opening = opening with
        {
            Child = child with { Name = after.ChildName, Age = after.ChildAge, Sex = after.ChildSex, Description = after.ChildDescription },
            TravelMode = after.TravelMode,
            Category = after.Category,
        };
        if (edited.IsPublic)
        {
            state.Version++;
            CaseLifecycle.MarkPublic(state, now);
        }

        // Who and which fields, never the old or new name or description: retention purges those,
        // and the timeline keeps only who did what when. Travel mode and category are not personal.
        List<(string, string)> data = [("fields", string.Join(",", edited.ChangedFields))];
        if (edited.ChangesZone)
        {
            data.Add(("travelMode", CaseLifecycle.Lower(after.TravelMode)));
        }

        if (before.Category != after.Category)
        {
            data.Add(("category", CaseLifecycle.Lower(after.Category)));
        }

        CaseTimeline.Append(state, now, "edited", edit.Actor, [.. data]);
        return edited;
    }
}
