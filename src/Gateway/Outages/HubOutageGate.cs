using EarlyWarning.Gateway.Alerts;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// While the cluster is down the hub takes no new connection: a negotiate (or a WebSocket that
/// skips it) is answered 503 problem JSON with <c>Retry-After</c> before authentication, whose
/// subscriber check and the backplane's subscriptions would need the cluster. The pages' client
/// keeps retrying and catches up once it connects. Requests of an open connection (with
/// <c>id</c>) pass: open connections are kept through the outage and closed when the cluster
/// comes back, so that their clients reconnect and read what they missed (<see cref="OpenHubConnections"/>).
/// </summary>
public static class HubOutageGate
{
    public static async Task RefuseNewConnections(HttpContext context, RequestDelegate next)
    {
        var availability = context.RequestServices.GetRequiredService<ClusterAvailability>();
        if (!availability.IsAvailable
            && context.Request.Path.StartsWithSegments(HubTransportProblems.HubPath, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(context.Request.Query["id"]))
        {
            var retryAfter = context.RequestServices.GetRequiredService<IOptions<OutageOptions>>().Value.RetryAfter;
            await OutageProblems.For(context, OutageOutcome.NotApplied, retryAfter, "The live hub takes no new connections while the cluster is unavailable")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
