namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A <see cref="BrowserGateway"/> whose staff tokens last 20 seconds, to watch a page reach the end of one.</summary>
public sealed class ShortTokenBrowserGateway() : BrowserGateway(new Dictionary<string, string> { ["Auth:AccessTokenLifetime"] = "00:00:40" });
