namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// A request to the hub's transport path without a connection id (and not a WebSocket, which may
/// skip negotiation) gets a 400 problem here; SignalR would answer it in plain text.
/// </summary>
public static class HubTransportProblems
{
    public const string HubPath = "/hubs/alerts";

    public static async Task RequireConnectionId(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if ((path.Equals(HubPath, StringComparison.OrdinalIgnoreCase) || path.Equals(HubPath + "/", StringComparison.OrdinalIgnoreCase))
            && !IsWebSocketUpgrade(context)
            && string.IsNullOrEmpty(context.Request.Query["id"]))
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Connection ID required.",
                detail: $"Negotiate first: POST {HubPath}/negotiate, then send the id it returns.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    // Read from the request itself: IsWebSocketRequest stays false until the WebSockets middleware,
    // which runs later (inside the hub's endpoint), has run; a client that skipped negotiation
    // (WebSockets only, no sticky session needed) was answered 400 here.
    private static bool IsWebSocketUpgrade(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest
        || (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase)));
}
