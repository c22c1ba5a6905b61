using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Under <c>/api</c>, <c>/hubs</c> and <c>/healthz</c> a bare status (404 unknown route, 405, 401…)
/// is always problem JSON, whatever the <c>Accept</c> header asks: the default writer falls back
/// to plain text for a client that does not accept JSON, and API clients must get one shape.
/// </summary>
public sealed class ApiProblemWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase);

    public bool CanWrite(ProblemDetailsContext context) => IsApiPath(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value) is { Length: > 0 } reason
            ? reason
            : "Error";
        options.Value.CustomizeProblemDetails?.Invoke(context);
        // The runtime type, so a validation problem keeps its 'errors'.
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions, ContentType));
    }
}
