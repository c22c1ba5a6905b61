using System.Diagnostics;
using EarlyWarning.Gateway.Alerts;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, Orleans, the <c>EarlyWarning</c> meter) and traces
/// (ASP.NET Core, Orleans grain calls, the <c>EarlyWarning</c> source), exported as
/// <c>Telemetry:Exporter</c> says. With <c>none</c> the instruments still exist for dotnet-counters.
/// </summary>
public static class Telemetry
{
    /// <summary>Name of the gateway's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="ActivitySource"/>.</summary>
    public const string Name = "EarlyWarning";

    /// <summary>
    /// Orleans' spans of application grain calls (with activity propagation on). Its
    /// <c>Microsoft.Orleans.Runtime</c> source is left out: it traces the silo's own housekeeping every few seconds.
    /// </summary>
    private const string OrleansGrainCalls = "Microsoft.Orleans.Application";

    /// <summary>Orleans' meter: messaging, activations, storage.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Spans of the gateway's own work.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    public static WebApplicationBuilder AddEarlyWarningTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AlertMetrics>();

        // The exporter decides what is registered, so it is read while the services are built.
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Exporter == TelemetryExporter.None)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(Name, OrleansMeter))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource(Name, OrleansGrainCalls));
        if (options.Exporter == TelemetryExporter.Console)
        {
            // Logs already reach the console through the default logger.
            otel.WithMetrics(m => m.AddConsoleExporter()).WithTracing(t => t.AddConsoleExporter());
        }
        else
        {
            otel.WithLogging(l => l.AddOtlpExporter(o => Endpoint(o, options)))
                .WithMetrics(m => m.AddOtlpExporter(o => Endpoint(o, options)))
                .WithTracing(t => t.AddOtlpExporter(o => Endpoint(o, options)));
        }

        return builder;
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions exporter, TelemetryOptions options)
    {
        if (options.OtlpEndpoint is { } endpoint)
        {
            exporter.Endpoint = endpoint;
        }
    }
}
