using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>Fresh ids and the usual case and subscriber set-ups, so each test reads as its scenario.</summary>
public static class Given
{
    /// <summary>Watch radius of every test subscriber: a zone within 2 km of it reaches it.</summary>
    public const double WatchRadiusKm = 2;

    public static readonly ChildProfile Child = new("Ana", 9, "f", "Red jacket, blue school bag", null);

    public static string CaseId() => $"case-{Guid.NewGuid():N}";

    public static string SubscriberId() => $"sub-{Guid.NewGuid():N}";

    /// <summary>An opening last seen at <paramref name="lastSeen"/> just now, on foot: the zone starts at the 1 km base radius.</summary>
    public static CaseOpening Opening(GeoPoint lastSeen, DateTimeOffset now, CaseLevel level, string actor = "operator-1") =>
        new(Child, lastSeen.Lat, lastSeen.Lon, now, TravelMode.Walking, level, actor);

    /// <summary>Opens a fresh case at <paramref name="lastSeen"/>; returns its id and grain.</summary>
    public static async Task<(string Id, ICaseGrain Grain)> OpenCase(
        this ClusterFixture fixture, GeoPoint lastSeen, CaseLevel level, string actor = "operator-1")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = CaseId();
        var grain = fixture.Client.GetGrain<ICaseGrain>(id);
        await grain.Open(Opening(lastSeen, fixture.Clock.GetUtcNow(), level, actor));
        return (id, grain);
    }

    /// <summary>
    /// A case opened at <paramref name="lastSeen"/> once it alerted a public subscriber 500 m north
    /// (whose tile then hears every push of it): the subscriber's id, the case's id and grain.
    /// </summary>
    public static async Task<(string SubscriberId, string CaseId, ICaseGrain Grain)> OpenCaseAlerting(
        this ClusterFixture fixture, GeoPoint lastSeen, CaseLevel level = CaseLevel.Public)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var (subscriberId, _) = await fixture.Subscriber(SubscriberKind.Public, lastSeen.Offset(0, 0.5));
        var (caseId, grain) = await fixture.OpenCase(lastSeen, level);
        await fixture.Sink.WaitForAlert(caseId, subscriberId, Domain.Alerts.AlertKind.New);
        return (subscriberId, caseId, grain);
    }

    /// <summary>Subscribes a fresh subscriber at <paramref name="at"/> (or with no position); returns its id and grain.</summary>
    public static async Task<(string Id, ISubscriberGrain Grain)> Subscriber(
        this ClusterFixture fixture, SubscriberKind kind, GeoPoint? at, string language = "mk", double watchRadiusKm = WatchRadiusKm)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = SubscriberId();
        var grain = fixture.Client.GetGrain<ISubscriberGrain>(id);
        await grain.Subscribe(new SubscriberProfile(kind, language, watchRadiusKm, at?.Lat, at?.Lon));
        return (id, grain);
    }

    /// <summary>
    /// Field teams <paramref name="km"/> from <paramref name="centre"/> on each of
    /// <paramref name="bearings"/>, which must all fall in one tile (asserted): their ids and the tile.
    /// </summary>
    public static async Task<(List<string> Ids, TileKey Tile)> FieldTeamsInOneTile(
        this ClusterFixture fixture, GeoPoint centre, double km, params double[] bearings)
    {
        ArgumentNullException.ThrowIfNull(bearings);
        GeoPoint[] positions = [.. bearings.Select(bearing => centre.Offset(bearing, km))];
        var tile = Xunit.Assert.Single(positions.Select(p => TileKey.FromPoint(p, 11)).Distinct());
        var ids = new List<string>();
        foreach (var position in positions)
        {
            ids.Add((await fixture.Subscriber(SubscriberKind.Field, position)).Id);
        }

        return (ids, tile);
    }

    /// <summary>A request to publish with the mother's consent, given in person at <paramref name="givenAt"/>.</summary>
    public static EscalationRequest EscalationWithConsent(string actor, DateTimeOffset givenAt) =>
        new(actor, new FamilyConsent("Mother (Vesna)", ConsentMethod.InPerson, givenAt));

    /// <summary>Publishes the case the way the control room does: one supervisor asks with the family's consent, a second approves.</summary>
    public static async Task<CaseCommandResult> Publish(this ClusterFixture fixture, ICaseGrain grain, string requester = "supervisor-1", string approver = "supervisor-2")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(grain);
        var requested = await grain.Escalate(EscalationWithConsent(requester, fixture.Clock.GetUtcNow()));
        return requested.Refusal != CaseRefusal.None ? requested : await grain.ApproveEscalation(approver);
    }

    /// <summary>A sighting seen just now at <paramref name="at"/>.</summary>
    public static SightingReport Sighting(
        GeoPoint at, DateTimeOffset seenAt, bool verified, string? id = null, string role = "field") =>
        new(id ?? $"s-{Guid.NewGuid():N}", at.Lat, at.Lon, seenAt, "Seen near the bus stop", role,
            verified ? null : "+389 70 000 000", verified);
}
