using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.Silo.Tests.LoadGen;

/// <summary>
/// Issue 15, item 9: the cluster fan-out counts what crossed Redis in a round (the SignalR
/// backplane publishes each alert) from <c>INFO all</c>; the text is redis-server 7's.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class RedisStatsTests
{
    private const string Info = "# Stats\r\ntotal_connections_received:41\r\ntotal_commands_processed:90210\r\n"
        + "total_net_input_bytes:15634211\r\ntotal_net_output_bytes:15520076\r\npubsub_channels:12014\r\npubsub_patterns:0\r\n\r\n"
        + "# Commandstats\r\ncmdstat_ping:calls=12,usec=3,usec_per_call=0.25,rejected_calls=0,failed_calls=0\r\n"
        + "cmdstat_publish:calls=4003,usec=20112,usec_per_call=5.02,rejected_calls=0,failed_calls=0\r\n";

    [Fact]
    public void Info_gives_the_publish_count_bytes_and_channels()
    {
        var stats = RedisStats.Parse(Info);

        Assert.Equal(new RedisStats(4003, 15634211, 15520076, 12014), stats);
    }

    [Fact]
    public void A_round_is_the_difference_of_two_readings()
    {
        var before = new RedisStats(3, 1_000, 2_000, 12014);
        var after = RedisStats.Parse(Info)!;

        Assert.Equal(new RedisStats(4000, 15633211, 15518076, 12014), after.Since(before));
    }

    [Fact]
    public void A_redis_that_never_saw_a_publish_counts_none()
    {
        var stats = RedisStats.Parse("total_net_input_bytes:10\ntotal_net_output_bytes:20\n");

        Assert.Equal(new RedisStats(0, 10, 20, 0), stats);
    }

    [Fact]
    public void An_answer_without_the_counters_reads_as_none()
    {
        Assert.Null(RedisStats.Parse("NOAUTH Authentication required.\n"));
    }
}
