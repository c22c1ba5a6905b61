namespace EarlyWarning.Gateway.Alerts;

/// <summary>Gateway alert events (2000–2099). Ids only.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Delivered case {CaseId} v{Version} to {Recipients} subscribers")]
    public static partial void BatchDelivered(ILogger logger, string caseId, long version, int recipients);

    [LoggerMessage(2001, LogLevel.Warning, "Could not register this gateway's alert sink; retrying")]
    public static partial void RegistrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(2002, LogLevel.Information, "Gateway alert sink registered")]
    public static partial void Registered(ILogger logger);

    [LoggerMessage(2003, LogLevel.Debug, "Case {CaseId} v{Version}: a batch this gateway sent already came again (a retry); not sent twice")]
    public static partial void BatchRepeated(ILogger logger, string caseId, long version);

    [LoggerMessage(2004, LogLevel.Warning, "An alert for case {CaseId} v{Version} could not be written to a connection")]
    public static partial void SendFailed(ILogger logger, Exception exception, string caseId, long version);

    [LoggerMessage(2005, LogLevel.Error, "A relayed batch could not be delivered to this gateway's connections")]
    public static partial void RelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(2006, LogLevel.Warning, "Could not tell the tally of case {CaseId} what v{Version} reached here; the alerts were sent")]
    public static partial void DeliveryNotCounted(ILogger logger, Exception exception, string caseId, long version);

    [LoggerMessage(2007, LogLevel.Warning, "Could not read the batch relay's stream; reading again from the same entry")]
    public static partial void RelayReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(2008, LogLevel.Information, "Could not tell the tally of case {CaseId} what v{Version} reached here yet; retrying")]
    public static partial void DeliveryCountRetried(ILogger logger, Exception exception, string caseId, long version);
}
