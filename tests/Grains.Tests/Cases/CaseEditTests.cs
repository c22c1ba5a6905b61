using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>Editing an open case: a new version for those already alerted, or none. Points of their own, far from the towns.</summary>
[Collection(SharedCluster.Name)]
[Trait("Category", "Safeguarding")]
public sealed class CaseEditTests(ClusterFixture fixture)
{
    private static readonly GeoPoint Sar = new(42.05, 20.55);
    private static readonly GeoPoint Jakupica = new(41.70, 21.40);
    private static readonly GeoPoint Osogovo = new(42.10, 22.50);
    private static readonly GeoPoint Nidze = new(40.95, 21.85);

    [Fact]
    public async Task A_corrected_description_reaches_an_alerted_subscriber_as_an_update_with_the_new_version()
    {
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, Sar);
        var (caseId, grain) = await fixture.OpenCase(Sar, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);

        var result = await grain.Edit(new CaseEdit("operator-2", ChildDescription: "Green jacket, no bag", ChildAge: 10));

        Assert.Equal(CaseRefusal.None, result.Refusal);
        Assert.Equal((2L, "Green jacket, no bag", 10), (result.Case!.Version, result.Case.Child.Description, result.Case.Child.Age));
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Update, version: 2);
        var batch = fixture.Sink.BatchesFor(caseId).Single(b => b.Version == 2);
        Assert.Equal(Given.Child with { Description = "Green jacket, no bag", Age = 10 }, batch.Child);

        // Who and which fields; never the old or new description, which retention will purge.
        var edited = (await grain.GetTimeline()).Single(e => e.Kind == "edited");
        Assert.Equal(("operator-2", "child.age,child.description"), (edited.Actor, edited.Data["fields"]));
        Assert.DoesNotContain(edited.Data.Values, v => v.Contains("jacket", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_category_only_edit_is_stored_and_on_the_timeline_but_pushes_nothing_and_keeps_the_version()
    {
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, Jakupica);
        var (caseId, grain) = await fixture.OpenCase(Jakupica, CaseLevel.Internal);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
        var batchesBefore = fixture.Sink.BatchesFor(caseId).Count;

        var result = await grain.Edit(new CaseEdit("supervisor-1", Category: CaseCategory.SuspectedTrafficking));

        Assert.Equal(CaseRefusal.None, result.Refusal);
        Assert.Equal((1L, CaseCategory.SuspectedTrafficking), (result.Case!.Version, result.Case.Safeguarding!.Category));
        Assert.Equal(CaseCategory.SuspectedTrafficking, (await grain.GetCase())!.Safeguarding!.Category);
        // The edit has returned, so any batch it caused would already be in (see RecordingAlertSink).
        Assert.Equal(batchesBefore, fixture.Sink.BatchesFor(caseId).Count);
        await fixture.ControlRoomSent();
        Assert.Contains(fixture.Sink.Events, e => e.CaseChanged is { } c && c.Id == caseId && c.Safeguarding!.Category == CaseCategory.SuspectedTrafficking);
        var edited = (await grain.GetTimeline()).Single(e => e.Kind == "edited");
        Assert.Equal(("category", "suspected-trafficking"), (edited.Data["fields"], edited.Data["category"]));
    }

    [Fact]
    public async Task A_travel_mode_change_regrows_the_zone_from_its_anchors_at_the_new_speed_and_pushes_it()
    {
        // Last seen 6 minutes ago: on foot the zone is 1.5 km; in a vehicle 7 km. A subscriber 5 km
        // away (2 km watch radius) is out of reach on foot, within it by vehicle.
        var now = fixture.Clock.GetUtcNow();
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Field, Osogovo.Offset(90, 5));
        var caseId = Given.CaseId();
        var grain = fixture.Client.GetGrain<ICaseGrain>(caseId);
        await grain.Open(Given.Opening(Osogovo, now, CaseLevel.Internal) with { LastSeenAt = now.AddMinutes(-6) });
        Assert.Equal(1.5, (await grain.GetZone())!.RadiusKm, 3);
        Assert.Empty(fixture.Sink.AlertsFor(caseId, subscriberId));

        var result = await grain.Edit(new CaseEdit("operator-1", TravelMode: TravelMode.Vehicle));

        Assert.Equal((2L, TravelMode.Vehicle), (result.Case!.Version, result.Case.TravelMode));
        Assert.Equal(7.0, result.Case.Zone.RadiusKm, 3);
        var alert = await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 2);
        Assert.Equal(0, alert.DistanceKm);
        var edited = (await grain.GetTimeline()).Single(e => e.Kind == "edited");
        Assert.Equal(("travelMode", "vehicle"), (edited.Data["fields"], edited.Data["travelMode"]));
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_keeps_the_version_and_adds_no_timeline_entry()
    {
        var (_, grain) = await fixture.OpenCase(Nidze, CaseLevel.Internal);
        // Nidže is on the Greek border: the opening may also have a border-crossed entry.
        var before = await grain.GetTimeline();

        var same = await grain.Edit(new CaseEdit("operator-1", ChildName: Given.Child.Name, TravelMode: TravelMode.Walking, Category: CaseCategory.Unspecified));
        var empty = await grain.Edit(new CaseEdit("operator-1"));

        Assert.Equal((CaseRefusal.None, 1L), (same.Refusal, same.Case!.Version));
        Assert.Equal((CaseRefusal.None, 1L), (empty.Refusal, empty.Case!.Version));
        Assert.Equal(before.Select(e => (e.Seq, e.Kind)), (await grain.GetTimeline()).Select(e => (e.Seq, e.Kind)));
    }

    [Fact]
    public async Task A_resolved_case_refuses_an_edit_and_keeps_what_it_had()
    {
        var (_, grain) = await fixture.OpenCase(Nidze.Offset(0, 20), CaseLevel.Internal);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        var refused = await grain.Edit(new CaseEdit("operator-1", ChildDescription: "Changed after the end", Category: CaseCategory.Runaway));
        var unknown = await fixture.Client.GetGrain<ICaseGrain>(Given.CaseId()).Edit(new CaseEdit("operator-1", ChildAge: 5));

        Assert.Equal(CaseRefusal.Resolved, refused.Refusal);
        Assert.Equal(CaseRefusal.NotFound, unknown.Refusal);
        var stored = (await grain.GetCase())!;
        Assert.Equal((Given.Child.Description, CaseCategory.Unspecified), (stored.Child.Description, stored.Safeguarding!.Category));
        Assert.DoesNotContain(await grain.GetTimeline(), e => e.Kind == "edited");
    }
}
