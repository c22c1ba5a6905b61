using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Outages;

/// <summary>Every outage exception of every route (endpoint, authentication, anything) becomes <see cref="OutageProblems"/>' answer, not a 500.</summary>
public sealed class OutageExceptionHandler(IOptions<OutageOptions> options, ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (OutageExceptions.Classify(exception) is not { } outcome)
        {
            return false;
        }

        OutageLog.RequestFailed(logger, outcome, exception);
        await OutageProblems.For(httpContext, outcome, options.Value.RetryAfter).ExecuteAsync(httpContext);
        return true;
    }
}
