namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Kestrel resolves <c>.</c> and <c>..</c> segments, percent-encoded ones too, before routing, so
/// <c>/api/cap/%2e%2e/%2e%2e</c> would be served as <c>/</c> (a page). A request whose target
/// holds such a segment names no resource of ours: it gets a 404 problem instead.
/// </summary>
public static class DotSegments
{
    public static async Task Reject(HttpContext context, RequestDelegate next)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (target is not null && HasDotSegment(target))
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found.",
                detail: "Paths with '.' or '..' segments name nothing here.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>True when a segment of the target's path is <c>.</c> or <c>..</c>, literal or percent-encoded.</summary>
    public static bool HasDotSegment(string target)
    {
        var path = target.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        // The common case (no dot, no escape) costs one scan.
        if (path.IndexOfAny('.', '%') < 0)
        {
            return false;
        }

        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.Length is > 0 and <= 6 && Uri.UnescapeDataString(segment.ToString()) is "." or "..")
            {
                return true;
            }
        }

        return false;
    }
}
