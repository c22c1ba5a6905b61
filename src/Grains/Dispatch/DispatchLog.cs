using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>Dispatch events (1200–1299).</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(1200, LogLevel.Warning, "A gateway sink failed to take a message for {Target}; trying another")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string target);

    [LoggerMessage(1201, LogLevel.Error, "No gateway sink could take a batch of {Recipients} alerts for case {CaseId}; subscribers will catch up on reconnect")]
    public static partial void NoSink(ILogger logger, string caseId, int recipients);

    [LoggerMessage(1202, LogLevel.Warning, "No gateway sink could take a control-room event; it is dropped")]
    public static partial void EventDropped(ILogger logger);
}
