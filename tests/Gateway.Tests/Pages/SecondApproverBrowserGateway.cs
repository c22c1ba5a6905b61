namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A <see cref="BrowserGateway"/> as shipped for publishing: a second supervisor approves every request to go public.</summary>
public sealed class SecondApproverBrowserGateway() : BrowserGateway(new Dictionary<string, string> { ["Cases:EscalationApprovers"] = "2" });
