namespace EarlyWarning.Gateway.Hosting;

/// <summary>Gateway host events (2900–2999).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(2900, LogLevel.Information, "EarlyWarning gateway listening on {Urls} (demo accounts: {DemoAccounts}). Pages: / (control room), /field, /public; API page: /scalar.")]
    public static partial void Listening(ILogger logger, string urls, bool demoAccounts);
}
