using EarlyWarning.LoadGen.Fanout;
using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.Silo.Tests.LoadGen;

/// <summary>
/// Issue 15, item 9: the lines the fan-out driver and its holder processes exchange (one process
/// may open only ~20 000 files here, so 100 000 sockets are held by several) read back as written,
/// and anything else is refused rather than misread as a round's figures.
/// </summary>
[Trait("Category", "Distributed")]
public sealed class HolderProtocolTests
{
    public static TheoryData<string> Commands => new()
    {
        "connect",
        "round 0 new - 0",
        "round 3 update c-0123456789abcdef0123456789abcdef 7",
        "report 3",
        "quit",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_command_reads_back_as_written(string line)
    {
        Assert.Equal(line, HolderProtocol.Format(HolderProtocol.ParseCommand(line)));
    }

    [Fact]
    public void A_round_names_its_alert_kind_case_and_version_floor()
    {
        var command = Assert.IsType<ArmCommand>(HolderProtocol.ParseCommand("round 2 update c-42 5"));

        Assert.Equal(new FanoutRoundSpec(2, "c-42", AlertKind.Update, 5), command.Spec);
        Assert.Null(Assert.IsType<ArmCommand>(HolderProtocol.ParseCommand("round 0 new - 0")).Spec.CaseId);
    }

    [Fact]
    public void Arrivals_carry_every_timestamp_sorted_with_the_versions_open_sockets_and_count_per_gateway()
    {
        var sent = new ArrivalsMessage(4, new RoundArrivals([9_000_000_123L, 9_000_000_001L, 9_000_004_000L], [6L, 7L], 2_999, [2, 0, 1]));

        var line = HolderProtocol.Format(sent);
        var read = Assert.IsType<ArrivalsMessage>(HolderProtocol.ParseMessage(line));

        Assert.Equal("arrivals 4 2999 6,7 2/0/1 9000000123 9000000001 9000004000", line);
        Assert.Equal(4, read.Round);
        Assert.Equal([9_000_000_001L, 9_000_000_123L, 9_000_004_000L], read.Arrivals.Timestamps);
        Assert.Equal([6L, 7L], read.Arrivals.Versions);
        Assert.Equal(2_999, read.Arrivals.OpenSockets);
        Assert.Equal([2, 0, 1], read.Arrivals.PerGateway);
    }

    [Fact]
    public void A_round_no_socket_saw_reads_back_empty()
    {
        var read = Assert.IsType<ArrivalsMessage>(HolderProtocol.ParseMessage(HolderProtocol.Format(new ArrivalsMessage(1, new RoundArrivals([], [], 10, [0, 0])))));

        Assert.Empty(read.Arrivals.Timestamps);
        Assert.Empty(read.Arrivals.Versions);
        Assert.Equal(10, read.Arrivals.OpenSockets);
        Assert.Equal([0, 0], read.Arrivals.PerGateway);
    }

    [Fact]
    public void Progress_and_setup_messages_read_back_as_written()
    {
        Assert.Equal(new SubscribedMessage(16_667), HolderProtocol.ParseMessage(HolderProtocol.Format(new SubscribedMessage(16_667))));
        Assert.Equal(new ConnectedMessage(16_660, 7), HolderProtocol.ParseMessage(HolderProtocol.Format(new ConnectedMessage(16_660, 7))));
        Assert.Equal(new ArmedMessage(3), HolderProtocol.ParseMessage(HolderProtocol.Format(new ArmedMessage(3))));
        Assert.Equal(new ArrivedMessage(3, 12_345), HolderProtocol.ParseMessage(HolderProtocol.Format(new ArrivedMessage(3, 12_345))));
    }

    [Fact]
    public void A_failure_stays_one_line_whatever_its_reason_says()
    {
        var line = HolderProtocol.Format(new FailedMessage("HttpRequestException: refused\nat line two"));

        Assert.DoesNotContain('\n', line);
        Assert.Equal(new FailedMessage("HttpRequestException: refused at line two"), HolderProtocol.ParseMessage(line));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("round 1 maybe - 0")]
    [InlineData("round 1 update c-1")]
    [InlineData("report -1")]
    [InlineData("report 1 2")]
    public void A_line_that_is_no_command_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => HolderProtocol.ParseCommand(line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("subscribed many")]
    [InlineData("connected 5")]
    [InlineData("arrivals 1 10 - 1/1 12 x 14")]
    [InlineData("arrivals 1 10 6,seven 1/1 12")]
    [InlineData("arrivals 1 10 6 1/one 12")]
    [InlineData("arrived 1 -3")]
    public void A_line_that_is_no_message_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => HolderProtocol.ParseMessage(line));
    }
}
