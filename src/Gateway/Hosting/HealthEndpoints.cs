using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// <c>/healthz</c> (every check), <c>/healthz/live</c> (the process answers; no dependency, for a
/// restart probe) and <c>/healthz/ready</c> (the cluster answers and alerts can flow; 503 otherwise,
/// for a load balancer). GET and HEAD only: anything else is a 405 problem.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the checks <c>/healthz/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddEarlyWarningHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapEarlyWarningHealth(this WebApplication app)
    {
        Map(app, "/healthz", new HealthCheckOptions());
        Map(app, "/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        Map(app, "/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    private static void Map(WebApplication app, string path, HealthCheckOptions options) =>
        app.MapHealthChecks(path, options)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous();
}
