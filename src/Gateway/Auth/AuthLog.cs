namespace EarlyWarning.Gateway.Auth;

/// <summary>Accounts and tokens (2500–2599).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(2500, LogLevel.Information, "Accounts reloaded from configuration: {Count}")]
    public static partial void AccountsReloaded(ILogger logger, int count);

    [LoggerMessage(2501, LogLevel.Error, "Accounts not reloaded, the previous ones stay: {Reason}")]
    public static partial void AccountsNotReloaded(ILogger logger, string reason);

    [LoggerMessage(2502, LogLevel.Information, "Closed {Count} hub connections of accounts the reload removed or changed")]
    public static partial void RevokedConnectionsClosed(ILogger logger, int count);
}
