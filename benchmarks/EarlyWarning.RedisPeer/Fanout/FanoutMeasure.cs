using System.Diagnostics;
using System.Globalization;
using EarlyWarning.RedisPeer.Geo;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Fanout;

/// <summary>
/// A verified sighting the Redis way: GEOSEARCH the zone, then one PUBLISH per member to the
/// channel of the gateway holding that member's connection, timed until every gateway has
/// received every message (rows fanout, size = recipients asked for).
/// </summary>
internal static class FanoutMeasure
{
    private const int WarmupIterations = 1;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromMinutes(1);

    public static async Task RunAsync(
        ConnectionMultiplexer dispatcher, GatewayFleet gateways, SubscriberPoints points, int recipients, int iterations, ResultReport report)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(report);
        var zone = FanoutZone.ForRecipients(points, recipients);
        var exact = ExactZoneCount.Members(points, zone);
        var db = dispatcher.GetDatabase();
        var publisher = dispatcher.GetSubscriber();
        var key = RedisGeo.Key(points.Distribution);
        var server = RedisConnections.Server(dispatcher);
        var times = new LatencyRecorder();
        int[] returned = [];
        for (var i = -WarmupIterations; i < iterations; i++)
        {
            if (i == 0)
            {
                await CommandStats.ResetAsync(server);
            }

            var start = Stopwatch.GetTimestamp();
            var members = await RedisGeo.SearchAsync(db, key, zone);
            var delivered = gateways.ExpectAsync(members.Length);
            foreach (var member in members)
            {
                var subscriber = RedisGeo.Subscriber(member.Member);
                // Fire-and-forget: the dispatcher never waits for PUBLISH's reply, only for delivery.
                publisher.Publish(gateways.ChannelOf(subscriber), Alert(subscriber), CommandFlags.FireAndForget);
            }

            await delivered.WaitAsync(DeliveryTimeout);
            if (i >= 0)
            {
                times.RecordSince(start);
            }
            else
            {
                returned = RedisGeo.Subscribers(members);
                CheckEachGatewayGotItsShare(gateways, returned);
            }
        }

        var serverMs = (await CommandStats.MicrosecondsPerCallAsync(server, "geosearch")
            + (returned.Length * await CommandStats.MicrosecondsPerCallAsync(server, "publish"))) / 1000;
        report.Add(new MeasureRow("fanout", points.Distribution.ToText(), recipients, returned.Length,
            times.MedianMs, times.P99Ms, returned.Length / (times.MedianMs / 1000),
            string.Create(CultureInfo.InvariantCulture,
                $"{iterations} it., server {serverMs:0.0} ms/fan-out, {gateways.Count} gateways, r = {zone.RadiusKm:0.000} km; {RecipientCheck.Describe(points, zone, exact, returned)}")));
    }

    /// <summary>The message a gateway would forward: who it is for, and what (about the size of a compact alert reference).</summary>
    private static RedisValue Alert(int subscriber) =>
        string.Create(CultureInfo.InvariantCulture, $"{subscriber}|case-bench|update|2");

    private static void CheckEachGatewayGotItsShare(GatewayFleet gateways, int[] subscribers)
    {
        var expected = new long[gateways.Count];
        foreach (var subscriber in subscribers)
        {
            expected[subscriber % gateways.Count]++;
        }

        for (var g = 0; g < gateways.Count; g++)
        {
            if (gateways.Received(g) != expected[g])
            {
                throw new InvalidOperationException($"Gateway {g} received {gateways.Received(g)} messages, expected {expected[g]}.");
            }
        }
    }
}
