using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>Dispatch events (1200–1299).</summary>
internal static partial class DispatchLog
{
    [LoggerMessage(1200, LogLevel.Warning, "A gateway sink failed to take a batch for case {CaseId}; trying another")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1201, LogLevel.Error, "No gateway sink could take a batch of {Recipients} alerts for case {CaseId}; subscribers will catch up on reconnect")]
    public static partial void NoSink(ILogger logger, string caseId, int recipients);
}
