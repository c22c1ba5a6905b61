using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Subscribers;

/// <summary>
/// A subscriber alerted for a case who travels far from its zone carries the case into a tile the
/// zone never reached; the case must learn of that tile, or its resolve never reaches the phone.
/// When the case cannot take note at once, the move still succeeds and a reminder tells it later.
/// </summary>
[Collection(FaultyStorage.Name)]
public sealed class UntoldCarriedCaseTests(FaultyStorageCluster fixture)
{
    private static readonly GeoPoint KrivaPalanka = new(42.20, 22.33);
    private static readonly GeoPoint Bitola = new(41.03, 21.33);

    [Fact]
    public async Task A_case_that_misses_the_tile_a_subscriber_carried_it_into_is_told_later_and_its_cancel_reaches_the_subscriber()
    {
        var (subscriberId, caseId, grain) = await fixture.OpenCaseAlerting(KrivaPalanka);
        var subscriber = fixture.Client.GetGrain<ISubscriberGrain>(subscriberId);

        // 150 km away, out of the zone's reach; the case does not answer the subscriber's note of the tile, once.
        fixture.CallFault.Arm(typeof(ICaseGrain), nameof(ICaseGrain.TrackRegion), caseId, new InvalidOperationException("Injected: the case's silo is dying"));
        Assert.True(await subscriber.UpdateLocation(Bitola.Lat, Bitola.Lon));
        Assert.Contains(caseId, await subscriber.GetAlertedCases());

        var resolved = await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        Assert.Equal(CaseRefusal.None, resolved.Refusal);

        // The reminder (every 2 s here) tells the case, nobody calling; the resolved case cancels that tile too.
        await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.Cancel);
        Assert.Equal([AlertKind.New, AlertKind.Cancel], fixture.Sink.KindsFor(caseId, subscriberId));
        Assert.Empty(await subscriber.GetAlertedCases());
    }
}
