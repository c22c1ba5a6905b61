using System.Globalization;

namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// What a caller is told when the cluster cannot carry out its request. A 503 with
/// <c>Retry-After</c> means "send it again later, it is safe": nothing was done, or the request
/// is idempotent by its method (GET, HEAD, PUT, DELETE). A POST the cluster failed while carrying
/// it out may have been applied, so it is a 504 without <c>Retry-After</c>: read back first.
/// Every answer says which in <c>outcome</c>: <c>not-applied</c> or <c>unknown</c>.
/// </summary>
public static class OutageProblems
{
    public const string OutcomeExtension = "outcome";

    public static IResult For(HttpContext context, OutageOutcome outcome, TimeSpan retryAfter, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        var safeToRepeat = outcome == OutageOutcome.NotApplied
            || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);
        var extensions = new Dictionary<string, object?>
        {
            [OutcomeExtension] = outcome == OutageOutcome.NotApplied ? "not-applied" : "unknown",
        };
        if (!safeToRepeat)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status504GatewayTimeout,
                title: "The cluster stopped answering.",
                detail: "Storage or the cluster stopped answering while this request was being carried out: it may or may not "
                    + "have been applied. Read it back once the service answers before sending it again.",
                extensions: extensions);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var done = outcome == OutageOutcome.NotApplied ? "nothing was done" : "sending it again is safe";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The cluster is unavailable.",
            detail: $"{what ?? "Storage or the cluster cannot be reached"}; {done}. Try again in {seconds} s.",
            extensions: extensions);
    }
}
