using System.Collections.Concurrent;
using System.Reflection;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Dispatch;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// What a gateway wrote is told to the case's tally in the background: a tally whose silo just
/// died held the batch relay (every later batch, of every case) for Orleans' 30 s timeout.
/// </summary>
public sealed class DeliveryCountsTests
{
    [Fact]
    public void Recording_returns_before_a_tally_that_never_answers_has_answered()
    {
        var tally = new StandInTally { Answer = () => new TaskCompletionSource().Task };
        var counts = new DeliveryCounts(StandInGrains.For(tally), new FakeTimeProvider(), NullLogger<DeliveryCounts>.Instance);

        counts.Record("c-1", 1, ["s-1"], sent: 1, latencyMs: 5);

        Assert.Equal(1, counts.Outstanding);
        Assert.Single(tally.Calls);
    }

    [Fact]
    public async Task A_report_the_tally_refused_is_sent_again_until_it_is_taken()
    {
        var failures = 2;
        var tally = new StandInTally { Answer = () => Interlocked.Decrement(ref failures) >= 0 ? Task.FromException(new TimeoutException("its silo died")) : Task.CompletedTask };
        var time = new FakeTimeProvider();
        var counts = new DeliveryCounts(StandInGrains.For(tally), time, NullLogger<DeliveryCounts>.Instance);

        counts.Record("c-1", 3, ["s-1", "s-2"], sent: 2, latencyMs: 5);
        for (var i = 0; i < 20 && counts.Outstanding > 0; i++)
        {
            await WhenWaiting();
            time.Advance(DeliveryCounts.RetryInterval);
        }

        await Until(() => counts.Outstanding == 0);
        Assert.Equal(3, tally.Calls.Count);
        Assert.All(tally.Calls, call => Assert.Equal(("c-1", 3L, "s-1,s-2"), call));
    }

    [Fact]
    public async Task A_report_the_tally_keeps_refusing_is_given_up_after_its_retry_time()
    {
        var tally = new StandInTally { Answer = () => Task.FromException(new TimeoutException("its silo died")) };
        var time = new FakeTimeProvider();
        var counts = new DeliveryCounts(StandInGrains.For(tally), time, NullLogger<DeliveryCounts>.Instance);

        counts.Record("c-1", 1, ["s-1"], sent: 1, latencyMs: 5);
        var attemptsAllowed = (int)(DeliveryCounts.RetryFor / DeliveryCounts.RetryInterval) + 2;
        for (var i = 0; i < attemptsAllowed && counts.Outstanding > 0; i++)
        {
            await WhenWaiting();
            time.Advance(DeliveryCounts.RetryInterval);
        }

        await Until(() => counts.Outstanding == 0);
        Assert.InRange(tally.Calls.Count, 2, attemptsAllowed);
    }

    // The report's loop runs on the thread pool: wait until it sleeps on the fake clock.
    private static Task WhenWaiting() => Task.Delay(20);

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>A case tally that answers RecordDelivery as told, noting each call.</summary>
    private sealed class StandInTally
    {
        public required Func<Task> Answer { get; init; }

        public ConcurrentQueue<(string CaseId, long Version, string ReachedNew)> Calls { get; } = new();
    }

    /// <summary>An <see cref="IGrainFactory"/> whose only grain is <see cref="StandInTally"/>.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from it: it cannot be sealed.
    private class StandInGrains : DispatchProxy
    {
        private StandInTally _tally = null!;

        public static IGrainFactory For(StandInTally tally)
        {
            var grains = Create<IGrainFactory, StandInGrains>();
            ((StandInGrains)(object)grains)._tally = tally;
            return grains;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true }
                && targetMethod.GetGenericArguments()[0] == typeof(ICaseTallyGrain) && args?[0] is string caseId)
            {
                return TallyProxy.For(_tally, caseId);
            }

            throw new NotSupportedException(targetMethod?.Name);
        }
    }

    private class TallyProxy : DispatchProxy
    {
        private StandInTally _tally = null!;
        private string _caseId = null!;

        public static ICaseTallyGrain For(StandInTally tally, string caseId)
        {
            var grain = Create<ICaseTallyGrain, TallyProxy>();
            var proxy = (TallyProxy)(object)grain;
            proxy._tally = tally;
            proxy._caseId = caseId;
            return grain;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(ICaseTallyGrain.RecordDelivery) || args is null)
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            _tally.Calls.Enqueue((_caseId, (long)args[0]!, string.Join(',', (string[])args[1]!)));
            return _tally.Answer();
        }
    }
#pragma warning restore CA1852
}
