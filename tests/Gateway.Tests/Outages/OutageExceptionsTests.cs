using System.Runtime.CompilerServices;
using EarlyWarning.Gateway.Outages;
using Orleans.Runtime.Messaging;
using StackExchange.Redis;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>Which exceptions are outages (503/504, never 500) and whether the request may have been applied.</summary>
public sealed class OutageExceptionsTests
{
    public static TheoryData<Exception, OutageOutcome> Outages => new()
    {
        { new ClusterUnavailableException("down", mayHaveBeenApplied: false), OutageOutcome.NotApplied },
        { new ClusterUnavailableException("went down", mayHaveBeenApplied: true), OutageOutcome.Unknown },
        { new ConnectionFailedException("Unable to connect to S127.0.0.1:30000:0"), OutageOutcome.NotApplied },
        // Only Orleans makes one (its constructors are internal).
        { (Exception)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException)), OutageOutcome.NotApplied },
        { new GatewayTooBusyException(), OutageOutcome.NotApplied },
        { new SiloUnavailableException("The target silo became unavailable"), OutageOutcome.Unknown },
        { new TimeoutException("Response did not arrive on time in 00:00:30"), OutageOutcome.Unknown },
        { new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "SocketClosed", null, CommandStatus.Unknown), OutageOutcome.Unknown },
        { new RedisTimeoutException(CommandFlags.None, "Timeout awaiting response", CommandStatus.WaitingToBeSent), OutageOutcome.Unknown },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_outage_exception_is_classified_with_what_the_caller_may_assume(Exception exception, OutageOutcome expected) =>
        Assert.Equal(expected, OutageExceptions.Classify(exception));

    [Fact]
    public void An_outage_wrapped_by_orleans_or_in_an_aggregate_is_still_an_outage()
    {
        var wrapped = new OrleansException("Error activating grain", new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "down", null, CommandStatus.Unknown));
        var aggregate = new AggregateException(new InvalidOperationException("unrelated"), new ConnectionFailedException("no gateway"));

        Assert.Equal(OutageOutcome.Unknown, OutageExceptions.Classify(wrapped));
        Assert.Equal(OutageOutcome.NotApplied, OutageExceptions.Classify(aggregate));
    }

    [Fact]
    public void When_one_part_was_refused_and_another_may_have_run_the_outcome_is_unknown()
    {
        var mixed = new AggregateException(new ConnectionFailedException("no gateway"), new SiloUnavailableException("lost mid-call"));

        Assert.Equal(OutageOutcome.Unknown, OutageExceptions.Classify(mixed));
    }

    [Fact]
    public void A_storage_fault_of_a_type_the_gateway_does_not_reference_is_known_by_its_name()
    {
        // As the silo's RedisStorageException or the embedded store's SqliteException would be.
        Assert.Equal(OutageOutcome.Unknown, OutageExceptions.Classify(new OrleansException("Error reading state", new RedisStorageException())));
        Assert.Equal(OutageOutcome.Unknown, OutageExceptions.Classify(new SqliteException()));
    }

    [Fact]
    public void A_bug_is_not_an_outage_and_stays_a_500()
    {
        Assert.Null(OutageExceptions.Classify(new InvalidOperationException("a bug")));
        Assert.Null(OutageExceptions.Classify(new OrleansException("a grain threw", new ArgumentException("bad argument"))));
        Assert.Null(OutageExceptions.Classify(new OperationCanceledException()));
    }

    private sealed class RedisStorageException : Exception;

    private sealed class SqliteException : Exception;
}
