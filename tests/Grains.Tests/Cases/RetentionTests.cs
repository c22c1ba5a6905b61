using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Photos;
using EarlyWarning.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// Retention on the embedded storage (SQLite), on the fake clock: a resolved case's reporter
/// contacts go after 7 days, everything personal after 30, from the API's snapshot and from every
/// stored row; the timeline keeps what happened, by whom and when; an active case keeps everything.
/// Each test plants its own markers, so a scan of the whole file finds only its own case.
/// </summary>
[Collection(SqliteStorage.Name)]
[Trait("Category", "Privacy")]
public sealed class RetentionTests(SqliteCluster fixture)
{
    private static readonly GeoPoint Mariovo = new(41.40, 22.30);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7), Month = TimeSpan.FromDays(30);

    [Fact]
    public async Task Reporter_contacts_are_erased_a_week_after_resolve_while_the_child_is_kept()
    {
        var markers = new Markers();
        var grain = await OpenCase(markers);
        await grain.ReportSighting(Tip(markers, markers.Contact));
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        fixture.Clock.Advance(Week - TimeSpan.FromMinutes(1));
        await grain.ApplyRetention();
        Assert.Equal(markers.Contact, Assert.Single((await grain.GetCase())!.Sightings).ReporterContact);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await grain.ApplyRetention();

        var kept = (await grain.GetCase())!;
        Assert.Null(Assert.Single(kept.Sightings).ReporterContact);
        Assert.Equal(markers.Name, kept.Child.Name);
        Assert.Null(kept.PurgedAt);
        Assert.Contains(await grain.GetTimeline(), e => e.Kind == "contacts-purged" && e.Actor == "system");
        Assert.Empty(fixture.RowsHolding(markers.Contact));
        Assert.NotEmpty(fixture.RowsHolding(markers.Name));
    }

    [Fact]
    public async Task A_photo_stored_for_the_case_that_it_never_named_is_deleted_by_the_purge()
    {
        var markers = new Markers();
        var grain = await OpenCase(markers);
        var photoId = $"p-{Guid.NewGuid():N}";
        var photo = fixture.Client.GetGrain<IPhotoGrain>(photoId);

        // The upload noted the photo and stored its bytes; its SetPhoto never landed (case unreachable, gateway gone).
        Assert.True(await grain.ExpectPhoto(photoId));
        await photo.Store(new StoredPhoto(markers.CaseId, "image/jpeg", markers.Bytes("photo"), markers.Bytes("photo-map"), 4, 4, "sha", fixture.Clock.GetUtcNow()));
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        Assert.False(await grain.ExpectPhoto($"p-{Guid.NewGuid():N}"));
        Assert.NotNull(await photo.GetInfo());

        fixture.Clock.Advance(Month);
        await grain.ApplyRetention();

        Assert.Null(await photo.GetInfo());
        Assert.Empty(fixture.RowsHolding(markers.Of("photo")));
    }

    [Fact]
    public async Task A_month_after_resolve_nothing_personal_is_left_in_the_case_its_sealed_pages_or_its_photo_and_the_timeline_keeps_who_did_what_when()
    {
        var markers = new Markers();
        var grain = await OpenCase(markers);
        var photoId = $"p-{Guid.NewGuid():N}";
        var photo = fixture.Client.GetGrain<IPhotoGrain>(photoId);
        await photo.Store(new StoredPhoto(markers.CaseId, "image/jpeg", markers.Bytes("photo"), markers.Bytes("photo-map"), 4, 4, "sha", fixture.Clock.GetUtcNow()));
        await grain.SetPhoto($"/api/photos/{photoId}", "operator-1");
        await grain.Edit(new CaseEdit("operator-2", ChildName: markers.Of("corrected-name"), ChildDescription: markers.Of("corrected-description")));

        // More sightings than a journal page holds: the older ones are sealed into pages of their own.
        var tips = Enumerable.Range(0, CaseJournal.PageSize + 2).Select(i => Tip(markers, $"{markers.Contact}-{i}")).ToList();
        foreach (var tip in tips)
        {
            await grain.ReportSighting(tip);
        }

        await grain.ReviewSighting(tips[0].SightingId, verify: false, "operator-2", reason: markers.Of("review"));
        await grain.ReviewSighting(tips[1].SightingId, verify: true, "operator-2", reason: markers.Of("verify"));
        await grain.Escalate(new EscalationRequest("supervisor-1", new FamilyConsent(markers.Of("consent"), ConsentMethod.InPerson, fixture.Clock.GetUtcNow())));
        await grain.RejectEscalation("supervisor-2", markers.Of("rejected"));
        await grain.Escalate(new EscalationRequest(
            "supervisor-1", new FamilyConsent(markers.Of("consent-again"), ConsentMethod.Phone, fixture.Clock.GetUtcNow()), markers.Of("without-consent")));
        await grain.Resolve(CaseOutcome.Found, markers.Of("note"), "operator-3", ResolutionDetail.FoundSafe,
            new CaseReferral(ReferralMechanism.SocialServices, markers.Of("receiving-body"), fixture.Clock.GetUtcNow(), markers.Of("referred-by")));
        var before = await grain.GetTimeline();
        Assert.NotEmpty(fixture.RowsHolding(markers.Prefix));

        fixture.Clock.Advance(Month);
        await grain.ApplyRetention();

        var purged = (await grain.GetCase())!;
        Assert.Equal(fixture.Clock.GetUtcNow(), purged.PurgedAt);
        Assert.Equal(new ChildProfile(string.Empty, 0, null, string.Empty, null), purged.Child);
        Assert.All(purged.Sightings, s => Assert.True(s.Description.Length == 0 && s.ReporterContact is null && s.Review?.Reason is null));
        Assert.Equal(tips.Select(t => (t.Lat, t.Lon)), purged.Sightings.Select(s => (s.Lat, s.Lon)));
        Assert.Equal((CaseStatus.Resolved, CaseOutcome.Found, ResolutionDetail.FoundSafe), (purged.Status, purged.Outcome, purged.Safeguarding!.Detail));
        Assert.Equal((ReferralMechanism.SocialServices, string.Empty, string.Empty),
            (purged.Safeguarding.Referral!.Mechanism, purged.Safeguarding.Referral.ReceivingBody, purged.Safeguarding.Referral.ReferredBy));
        Assert.DoesNotContain(markers.Prefix, System.Text.Json.JsonSerializer.Serialize(purged), StringComparison.Ordinal);

        var after = await grain.GetTimeline();
        Assert.Equal(before.Select(e => (e.Seq, e.At, e.Kind, e.Actor)), after.Take(before.Length).Select(e => (e.Seq, e.At, e.Kind, e.Actor)));
        Assert.Equal(["contacts-purged", "purged"], after.Skip(before.Length).Select(e => e.Kind));
        Assert.Equal((ConsentMethod.Phone, string.Empty, null), (purged.Safeguarding.Escalation!.Consent!.Method, purged.Safeguarding.Escalation.Consent.GivenBy, purged.Safeguarding.Escalation.ReasonWithoutConsent));
        Assert.Contains(after, e => e.Kind == "referred" && e.Data["mechanism"] == "social-services" && e.Data.ContainsKey("referredAt"));
        Assert.Contains(after, e => e.Kind == "edited" && e.Actor == "operator-2" && e.Data["fields"].Contains("description", StringComparison.Ordinal));
        Assert.DoesNotContain(after.SelectMany(e => e.Data.Values), v => v.Contains(markers.Prefix, StringComparison.Ordinal));

        Assert.Null(await photo.GetInfo());
        Assert.Empty(fixture.RowsHolding(markers.Prefix));
        Assert.Empty(fixture.RowsHolding(photoId));
        Assert.Empty(fixture.FilesHolding(markers.Prefix));

        // Read again from storage, not from the activation that purged it.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(purged.PurgedAt, (await grain.GetCase())!.PurgedAt);
        Assert.Equal(after.Length, (await grain.GetTimeline()).Length);
    }

    [Fact]
    public async Task A_resolved_case_holds_a_retention_reminder_until_nothing_is_left_to_purge()
    {
        var grain = await OpenCase(new Markers());
        Assert.DoesNotContain(CaseGrain.RetentionReminder, await Reminders(grain));

        await grain.Resolve(CaseOutcome.Cancelled, null, "operator-1");
        Assert.Contains(CaseGrain.RetentionReminder, await Reminders(grain));

        fixture.Clock.Advance(Week);
        await grain.ApplyRetention();
        Assert.Contains(CaseGrain.RetentionReminder, await Reminders(grain));

        fixture.Clock.Advance(Month);
        await grain.ApplyRetention();
        Assert.DoesNotContain(CaseGrain.RetentionReminder, await Reminders(grain));
    }

    [Fact]
    public async Task The_retention_reminder_purges_a_resolved_case_with_nobody_asking()
    {
        var markers = new Markers();
        var grain = await OpenCase(markers);
        await grain.ReportSighting(Tip(markers, markers.Contact));
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");

        fixture.Clock.Advance(Month);

        // The reminder ticks every 2 s here; nothing but it runs the check.
        var purged = await ResolveWithFailingTileTests.Eventually(
            async () => fixture.RowsHolding(markers.Prefix).Count == 0 ? await grain.GetCase() : null, TimeSpan.FromSeconds(60));
        Assert.NotNull(purged.PurgedAt);
    }

    [Fact]
    public async Task An_active_case_is_never_purged_however_long_it_runs()
    {
        var markers = new Markers();
        var grain = await OpenCase(markers);
        await grain.ReportSighting(Tip(markers, markers.Contact));

        fixture.Clock.Advance(TimeSpan.FromDays(400));
        await grain.ApplyRetention();

        var active = (await grain.GetCase())!;
        Assert.Equal((CaseStatus.Active, markers.Name, (DateTimeOffset?)null), (active.Status, active.Child.Name, active.PurgedAt));
        Assert.Equal(markers.Contact, Assert.Single(active.Sightings).ReporterContact);
        Assert.DoesNotContain(await grain.GetTimeline(), e => e.Kind.EndsWith("purged", StringComparison.Ordinal));
        Assert.DoesNotContain(CaseGrain.RetentionReminder, await Reminders(grain));
        await grain.Resolve(CaseOutcome.Cancelled, null, "operator-1");
    }

    [Fact]
    public async Task An_idempotency_key_erases_the_answer_naming_the_child_once_its_lifetime_is_over()
    {
        var markers = new Markers();
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>($"key-{Guid.NewGuid():N}");
        var child = new ChildProfile(markers.Name, 9, "f", markers.Of("description"), null);
        await key.Open("request-a", markers.CaseId, Given.Opening(Mariovo, fixture.Clock.GetUtcNow(), CaseLevel.Internal) with { Child = child });
        Assert.Contains(fixture.RowsHolding(markers.Name), IsKey);
        await fixture.Client.GetGrain<ICaseGrain>(markers.CaseId).Resolve(CaseOutcome.Found, null, "operator-1");

        // The key's lifetime (24 h) ends long before the case's retention: its reminder (every 2 s here) erases it.
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        await ResolveWithFailingTileTests.Eventually(
            async () => !fixture.RowsHolding(markers.Name).Any(IsKey) ? await fixture.Client.GetGrain<ICaseGrain>(markers.CaseId).GetCase() : null,
            TimeSpan.FromSeconds(60));

        fixture.Clock.Advance(Month);
        await fixture.Client.GetGrain<ICaseGrain>(markers.CaseId).ApplyRetention();
        Assert.Empty(fixture.RowsHolding(markers.Prefix));

        static bool IsKey(string row) => row.StartsWith("case-opening ", StringComparison.Ordinal);
    }

    private async Task<ICaseGrain> OpenCase(Markers markers)
    {
        var grain = fixture.Client.GetGrain<ICaseGrain>(markers.CaseId);
        var child = new ChildProfile(markers.Name, 9, "f", markers.Of("description"), null);
        await grain.Open(Given.Opening(Mariovo, fixture.Clock.GetUtcNow(), CaseLevel.Internal) with { Child = child });
        return grain;
    }

    private SightingReport Tip(Markers markers, string contact) =>
        new($"s-{Guid.NewGuid():N}", Mariovo.Lat + 0.01, Mariovo.Lon, fixture.Clock.GetUtcNow(), markers.Of("sighting"), "operator", contact, false, SightingChannel.Hotline);

    private async Task<string[]> Reminders(ICaseGrain grain)
    {
        var table = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<IReminderTable>();
        return [.. (await table.ReadRows(grain.GetGrainId())).Reminders.Select(r => r.ReminderName)];
    }

    /// <summary>Marker strings unique to one test: every personal value it plants starts with <see cref="Prefix"/>.</summary>
    private sealed class Markers
    {
        public string CaseId { get; } = Given.CaseId();

        public string Prefix { get; } = $"zz{Guid.NewGuid():N}"[..18];

        public string Name => Of("name");

        public string Contact => Of("contact");

        public string Of(string field) => $"{Prefix}-{field}";

        public byte[] Bytes(string field) => System.Text.Encoding.UTF8.GetBytes(Of(field));
    }
}
