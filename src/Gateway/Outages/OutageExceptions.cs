using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using StackExchange.Redis;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// The one place that decides whether an exception means "the cluster or its storage cannot be
/// reached" (a 503, not a 500), and whether the request may have been applied.
/// </summary>
public static class OutageExceptions
{
    // Storage faults thrown in a silo arrive by name only when this process lacks the type
    // (Orleans sends an UnavailableExceptionFallbackException); SQLite is the embedded store's.
    private static readonly HashSet<string> StorageFaults = new(StringComparer.Ordinal)
    {
        "RedisStorageException", "RedisConnectionException", "RedisTimeoutException", "SqliteException",
    };

    /// <summary>Null when <paramref name="exception"/> is not an outage (then it stays a 500).</summary>
    public static OutageOutcome? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        OutageOutcome? found = null;
        foreach (var inner in Chain(exception))
        {
            var outcome = ClassifyOne(inner);
            if (outcome == OutageOutcome.Unknown)
            {
                return outcome;
            }

            found ??= outcome;
        }

        return found;
    }

    private static OutageOutcome? ClassifyOne(Exception exception) => exception switch
    {
        ClusterUnavailableException gate => gate.MayHaveBeenApplied ? OutageOutcome.Unknown : OutageOutcome.NotApplied,
        // Sent, then lost: the silo died or did not answer in time; storage failed mid-call. First:
        // SiloUnavailableException is an OrleansMessageRejectionException.
        SiloUnavailableException or TimeoutException or RedisConnectionException or RedisTimeoutException => OutageOutcome.Unknown,
        // Refused before a grain saw it: no connection to any silo, or a silo turned it away unread.
        ConnectionFailedException or GatewayTooBusyException or OrleansMessageRejectionException => OutageOutcome.NotApplied,
        UnavailableExceptionFallbackException fallback when IsStorageFault(fallback.ExceptionType) => OutageOutcome.Unknown,
        _ when StorageFaults.Contains(exception.GetType().Name) => OutageOutcome.Unknown,
        _ => null,
    };

    private static bool IsStorageFault(string? typeName) =>
        typeName is not null && StorageFaults.Contains(typeName.Split(',')[0].Split('.')[^1]);

    // The exception, its inner ones and an aggregate's, depth first; bounded against cycles.
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        for (var seen = 0; pending.Count > 0 && seen < 32; seen++)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
