namespace EarlyWarning.Gateway.Push;

/// <summary>Web Push events (2100–2199). Subscriber ids only: endpoints are capability URLs, never logged.</summary>
internal static partial class PushLog
{
    [LoggerMessage(2100, LogLevel.Warning, "Push to subscriber {SubscriberId} refused by its push service with {Status}; not retried")]
    public static partial void Refused(ILogger logger, string subscriberId, int status);

    [LoggerMessage(2101, LogLevel.Information, "Push service of subscriber {SubscriberId} unreachable; retrying")]
    public static partial void Unreachable(ILogger logger, Exception exception, string subscriberId);

    [LoggerMessage(2102, LogLevel.Warning, "Push to subscriber {SubscriberId} given up after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, string subscriberId, int attempts);

    [LoggerMessage(2103, LogLevel.Error, "Push to subscriber {SubscriberId} failed")]
    public static partial void SendFailed(ILogger logger, Exception exception, string subscriberId);

    [LoggerMessage(2104, LogLevel.Warning, "The push endpoint of subscriber {SubscriberId} is no longer on Push:AllowedHosts; not sent")]
    public static partial void EndpointRefused(ILogger logger, string subscriberId);

    [LoggerMessage(2105, LogLevel.Warning, "Could not tell the tally of case {CaseId} whose pushes were accepted")]
    public static partial void ReportFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(2106, LogLevel.Warning, "The push outbox stayed full: {Dropped} pushes of case {CaseId} v{Version} dropped")]
    public static partial void Dropped(ILogger logger, string caseId, long version, int dropped);

    [LoggerMessage(2107, LogLevel.Warning, "Could not ask case {CaseId} whether it still alerts; its pushes go out")]
    public static partial void AlertingUnknown(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(2108, LogLevel.Information, "The push subscription of field account {SubscriberId} outlived its account (removed, or its password or role changed); forgotten")]
    public static partial void AccountGone(ILogger logger, string subscriberId);

    [LoggerMessage(2109, LogLevel.Warning, "The gateway stopped with {Left} pushes still queued: the drain's time ran out")]
    public static partial void NotDrained(ILogger logger, int left);
}
