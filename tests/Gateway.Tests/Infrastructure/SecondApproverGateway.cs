namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>A class fixture: the gateway as shipped for publishing, a second supervisor approving every request.</summary>
public sealed class SecondApproverGateway : IAsyncDisposable
{
    public GatewayFactory Factory { get; } = GatewayFactory.WithSecondApprover();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
