using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Subscribers;

/// <summary>A subscriber's position leaves storage the moment it unsubscribes: its own record and its tile's roster, read from the SQLite file.</summary>
[Collection(SqliteStorage.Name)]
[Trait("Category", "Privacy")]
public sealed class UnsubscribeErasureTests(SqliteCluster fixture)
{
    [Fact]
    public async Task Unsubscribing_erases_the_stored_position_from_the_subscriber_and_its_tile_at_once()
    {
        // Digits no other test uses: the position is stored as doubles, so the scan looks for their bytes.
        var at = new GeoPoint(41.6123457, 21.2987653);
        var (id, subscriber) = await fixture.Subscriber(SubscriberKind.Field, at);
        var position = BitConverter.GetBytes(at.Lat).Concat(BitConverter.GetBytes(at.Lon)).ToArray();
        Assert.NotEmpty(fixture.RowsHolding(id));
        Assert.True(fixture.RowsHoldingBytes(BitConverter.GetBytes(at.Lat)).Count >= 2, "the subscriber and its tile's roster store the position");

        Assert.True(await subscriber.Unsubscribe());

        Assert.Empty(fixture.RowsHolding(id));
        Assert.Empty(fixture.RowsHoldingBytes(BitConverter.GetBytes(at.Lat)));
        Assert.Empty(fixture.RowsHoldingBytes(BitConverter.GetBytes(at.Lon)));
        Assert.Empty(fixture.RowsHoldingBytes(position));
        Assert.Null(await subscriber.GetProfile());
    }
}
