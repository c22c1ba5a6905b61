using EarlyWarning.Domain.Cases;
using Xunit;

namespace EarlyWarning.Domain.Tests.Cases;

[Trait("Category", "Safeguarding")]
public sealed class CaseDetailsTests
{
    private static readonly CaseDetails Ana = new("Ana", 9, "f", "Red jacket", TravelMode.Walking, CaseCategory.Unspecified);

    [Fact]
    public void Only_given_values_that_differ_are_changes_named_as_the_api_names_them()
    {
        var edited = Ana.Apply(new CaseDetailsEdit(ChildName: "Ana", ChildAge: 10, ChildDescription: "Green jacket"));

        Assert.Equal(["child.age", "child.description"], edited.ChangedFields);
        Assert.Equal(Ana with { ChildAge = 10, ChildDescription = "Green jacket" }, edited.After);
        Assert.Equal(Ana, edited.Before);
        Assert.True(edited.ChangesChild);
        Assert.False(edited.ChangesZone);
    }

    [Fact]
    public void A_category_alone_is_not_public_and_a_travel_mode_changes_the_zone()
    {
        var category = Ana.Apply(new CaseDetailsEdit(Category: CaseCategory.Runaway));
        var travel = Ana.Apply(new CaseDetailsEdit(TravelMode: TravelMode.Bicycle));

        Assert.Equal((false, false), (category.IsEmpty, category.IsPublic));
        Assert.Equal((true, false, true), (travel.IsPublic, travel.ChangesChild, travel.ChangesZone));
    }

    [Fact]
    public void An_edit_giving_only_current_values_or_nothing_is_empty()
    {
        Assert.True(Ana.Apply(new CaseDetailsEdit()).IsEmpty);
        Assert.True(Ana.Apply(new CaseDetailsEdit("Ana", 9, "f", "Red jacket", TravelMode.Walking, CaseCategory.Unspecified)).IsEmpty);
        Assert.Equal(Ana, Ana.Apply(new CaseDetailsEdit()).After);
    }
}
