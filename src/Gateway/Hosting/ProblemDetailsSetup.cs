using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// RFC 9457 everywhere: bad bodies become 400s naming the field, unsupported media types 415s,
/// bare status codes problem details; only a real fault is a 500.
/// </summary>
public static class ProblemDetailsSetup
{
    public static WebApplicationBuilder AddEarlyWarningProblemDetails(this WebApplicationBuilder builder)
    {
        // Before AddProblemDetails: the first writer that can write wins.
        builder.Services.AddSingleton<IProblemDetailsWriter, ApiProblemWriter>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Binding failures throw in every environment, so one handler words them all alike.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseEarlyWarningProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Keep the status a BadHttpRequestException carries (400, 413, 415) instead of a 500.
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.Use(DotSegments.Reject);
        app.Use(RejectUnsupportedCharset);
        return app;
    }

    /// <summary>A body in a charset we do not read is refused up front (415) rather than failing mid-read.</summary>
    private static async Task RejectUnsupportedCharset(HttpContext context, RequestDelegate next)
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Charset.HasValue
            && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Bodies are read as application/json; charset=utf-8, not charset={media.Charset}.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Turns ASP.NET Core's binding exceptions into validation problems that name the field.</summary>
    private sealed class BadRequestExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            IResult result = bad.StatusCode == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(ErrorsFor(bad), title: "The request body is not valid.")
                : TypedResults.Problem(statusCode: bad.StatusCode, title: ReasonFor(bad.StatusCode), detail: bad.Message);
            await result.ExecuteAsync(httpContext);
            return true;
        }

        private static Dictionary<string, string[]> ErrorsFor(BadHttpRequestException bad)
        {
            if (bad.InnerException is JsonException json)
            {
                // A value of the wrong type names its field (the body's own: an array, a number);
                // broken syntax is the body's fault.
                var field = FieldFromPath(json.Path);
                var wrongType = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
                return (field, wrongType) switch
                {
                    ("body", true) => new() { ["body"] = ["The body must be a JSON object."] },
                    (_, true) => new() { [field] = [$"'{field}' has a value of the wrong type or an unknown value."] },
                    ("body", false) => new() { ["body"] = ["The body is not well-formed JSON."] },
                    _ => new() { ["body"] = [$"The body is not well-formed JSON (near '{field}')."] },
                };
            }

            return new() { ["body"] = [bad.Message.Contains("body was provided", StringComparison.OrdinalIgnoreCase) ? "A JSON body is required." : bad.Message] };
        }

        /// <summary><c>$.lastSeen.lat</c> → <c>lastSeen.lat</c>; no path → <c>body</c>.</summary>
        private static string FieldFromPath(string? path) =>
            string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

        private static string ReasonFor(int status) =>
            Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Bad request";
    }
}
