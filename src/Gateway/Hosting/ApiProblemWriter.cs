using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// A bare status (404 unknown route, 405, 401…) is always problem JSON, on every path and whatever
/// the <c>Accept</c> header asks: the default writer falls back to plain text for a client that
/// does not accept JSON (an <c>OPTIONS /</c> from a browser got "Status Code: 405" as text), and
/// every client must get one shape. The pages have no error pages of their own to show instead.
/// </summary>
public sealed class ApiProblemWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

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
