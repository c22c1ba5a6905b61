using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Dispatch;

[Collection(SmallBatchSilo.Name)]
public sealed class BatchPartsTests(SmallBatchCluster fixture)
{
    [Fact]
    public async Task A_tile_with_more_recipients_than_a_batch_holds_sends_each_once_in_parts_and_every_part_is_confirmed()
    {
        var lastSeen = NorthMacedonia.Radovis;
        // Radovis sits 200 m south of its tile's northern edge: five points 200 m east to west through south stay in its tile.
        GeoPoint[] positions = [.. new[] { 90.0, 135, 180, 225, 270 }.Select(bearing => lastSeen.Offset(bearing, 0.2))];
        Assert.Single(positions.Select(p => TileKey.FromPoint(p, 11)).Distinct());
        var ids = new List<string>();
        foreach (var position in positions)
        {
            ids.Add((await fixture.Subscriber(SubscriberKind.Field, position)).Id);
        }

        var (caseId, grain) = await fixture.OpenCase(lastSeen, CaseLevel.Internal);
        foreach (var id in ids)
        {
            await fixture.Sink.WaitForAlert(caseId, id, AlertKind.New, version: 1);
        }

        var parts = fixture.Sink.BatchesFor(caseId).Where(b => b.Version == 1).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.InRange(part.Recipients.Length, 1, SmallBatchCluster.MaxRecipients));
        Assert.Equal(ids.Order(), parts.SelectMany(p => p.Recipients).Select(r => r.SubscriberId).Order());

        // A part no sink confirmed would leave its recipients unconfirmed, and the next version would tell them new again.
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await grain.RefreshZone();
        foreach (var id in ids)
        {
            await fixture.Sink.WaitForAlert(caseId, id, AlertKind.Update, version: 2);
            Assert.Equal([AlertKind.New, AlertKind.Update], fixture.Sink.KindsFor(caseId, id));
        }
    }

    [Fact]
    public void A_batch_is_split_in_order_into_parts_of_at_most_the_limit_each_with_the_case_fields()
    {
        var batch = new AlertBatch(
            Given.CaseId(), 3, CaseLevel.Public, ClusterFixture.Start, Given.Child, [],
            [.. Enumerable.Range(0, 10).Select(i => new AlertRecipient($"s-{i}", AlertKind.New, "mk", i))], Exercise: true);

        var parts = batch.Split(4);

        Assert.Equal([4, 4, 2], parts.Select(p => p.Recipients.Length));
        Assert.Equal(batch.Recipients, parts.SelectMany(p => p.Recipients));
        Assert.All(parts, p => Assert.Equal(batch with { Recipients = p.Recipients }, p));
        Assert.Same(batch, Assert.Single(batch.Split(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Split(0));
    }
}
