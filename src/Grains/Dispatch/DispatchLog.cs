using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>Dispatch events (1200–1299).</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(1200, LogLevel.Warning, "A gateway sink failed to take a message for {Target}; trying another")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string target);

    [LoggerMessage(1201, LogLevel.Warning, "No gateway sink took the batch of {Recipients} alerts for case {CaseId} v{Version}; kept and retried")]
    public static partial void Kept(ILogger logger, string caseId, long version, int recipients);

    [LoggerMessage(1206, LogLevel.Warning, "{Events} control-room events reached no gateway sink and were dropped")]
    public static partial void EventsDropped(ILogger logger, int events);

    [LoggerMessage(1203, LogLevel.Information, "A kept batch of {Recipients} alerts for case {CaseId} v{Version} was delivered on retry")]
    public static partial void Retried(ILogger logger, string caseId, long version, int recipients);

    [LoggerMessage(1204, LogLevel.Error, "Too many batches kept: the batch of {Recipients} alerts for case {CaseId} v{Version} is given up; subscribers catch up on reconnect")]
    public static partial void GivenUp(ILogger logger, string caseId, long version, int recipients);

    [LoggerMessage(1205, LogLevel.Warning, "The dispatch figures of case {CaseId} could not be stored; tried again")]
    public static partial void TallyNotStored(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1207, LogLevel.Warning, "The sink registry did not answer; going on with the {Sinks} gateway sinks known before")]
    public static partial void RegistryUnanswered(ILogger logger, Exception exception, int sinks);

    [LoggerMessage(1208, LogLevel.Warning, "{Events} control-room events could not be sent and were dropped")]
    public static partial void EventsNotSent(ILogger logger, Exception exception, int events);
}
