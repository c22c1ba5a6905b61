using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// On the hub, an outage is a <see cref="HubException"/> whose message the client reads (SignalR
/// hides any other exception's): a connect that got past <see cref="HubOutageGate"/> as the
/// cluster went down is closed with the reason, and a method call says whether it was applied.
/// Open connections are tracked in <see cref="OpenHubConnections"/>.
/// </summary>
public sealed class OutageHubFilter(ClusterAvailability availability, OpenHubConnections connections, IOptions<OutageOptions> options) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (ex is not HubException && OutageExceptions.Classify(ex) is { } outcome)
        {
            throw new HubException(outcome == OutageOutcome.NotApplied
                ? $"The cluster is unavailable; nothing was done. Try again in {RetrySeconds()} s."
                : "The cluster stopped answering during this call: it may or may not have been applied.");
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!availability.IsAvailable)
        {
            throw Refused();
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is not HubException && OutageExceptions.Classify(ex) is not null)
        {
            throw Refused();
        }

        connections.Opened(context.Context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        connections.Closed(context.Context);
        await next(context, exception);
    }

    private HubException Refused() =>
        new($"The cluster is unavailable; the live hub takes no new connections. Try again in {RetrySeconds()} s.");

    private string RetrySeconds() =>
        Math.Max(1, (int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
