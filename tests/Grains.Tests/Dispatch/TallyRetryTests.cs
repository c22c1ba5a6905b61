using System.Diagnostics;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

/// <summary>
/// A tile that owes a case's tally its report (the tally's silo died) retries on its timer without
/// holding the tile: each retry waits out the tally's response timeout, and meanwhile the tile
/// still takes moves, zones and other cases' batches.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class TallyRetryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_tile_retrying_a_report_to_a_tally_that_does_not_answer_still_takes_a_move()
    {
        var at = NorthMacedonia.Valandovo.Offset(300, 2);
        var (subscriberId, subscriber) = await fixture.Subscriber(SubscriberKind.Field, at);
        var tile = fixture.Client.GetGrain<IRegionGrain>(TileKey.FromPoint(at, new RegionOptions().TileZoom).ToGrainKey());
        fixture.TallyReports.Arm();
        try
        {
            // The opening's report is refused; the tile's timer retries it 2 s later, and that call hangs.
            var (caseId, _) = await fixture.OpenCase(at.Offset(90, 0.3), CaseLevel.Internal);
            await fixture.Sink.WaitForAlert(caseId, subscriberId, AlertKind.New, version: 1);
            await Task.Delay(TimeSpan.FromSeconds(2.5));

            var moved = at.Offset(0, 0.2);
            var elapsed = Stopwatch.StartNew();
            Assert.True(await subscriber.UpdateLocation(moved.Lat, moved.Lon));
            elapsed.Stop();

            Assert.Equal(moved.Lat, (await tile.Find(subscriberId))?.Lat);
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"the move waited {elapsed.Elapsed} behind the tile's retry");
        }
        finally
        {
            fixture.TallyReports.Release();
        }
    }
}
