namespace EarlyWarning.Gateway.Benchmarks;

/// <summary>
/// <c>Benchmarks:NoOpHub=true</c> maps <see cref="NoOpHub"/> for <c>benchmarks/loadgen.sh</c>'s
/// ingest ceiling. Refused at startup outside Development: a production gateway never offers a
/// hub method that accepts calls without doing the work they stand for.
/// </summary>
public static class NoOpHubSetup
{
    public const string Setting = "Benchmarks:NoOpHub";

    public const string HubPath = "/hubs/noop";

    public static WebApplicationBuilder AddEarlyWarningNoOpHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsEnabled(builder.Configuration) && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{Setting} is refused outside Development (environment '{builder.Environment.EnvironmentName}'): "
                + $"{HubPath} is a benchmark's no-op hub method, never part of a deployment.");
        }

        return builder;
    }

    public static WebApplication MapEarlyWarningNoOpHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (IsEnabled(app.Configuration))
        {
            app.MapHub<NoOpHub>(HubPath);
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);
}
