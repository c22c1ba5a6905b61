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
}
