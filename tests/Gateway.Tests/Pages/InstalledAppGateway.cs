namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A <see cref="BrowserGateway"/> that allows push endpoints on one loopback port where nothing
/// listens (the discard port), as an operator would allow a host: the page tests stand in for the
/// browser's push service there, so no push can leave the machine and none is ever answered.
/// </summary>
public sealed class InstalledAppGateway() : BrowserGateway(new Dictionary<string, string> { ["Push:AllowedHosts:0"] = InstalledAppGateway.PushHost })
{
    public const string PushHost = "127.0.0.1:9";
}
