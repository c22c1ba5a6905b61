using System.ComponentModel.DataAnnotations;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Where metrics and traces go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>none</c> (default: instruments exist, nothing exports), <c>console</c> or <c>otlp</c>.</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>The OTLP collector (gRPC), e.g. <c>http://localhost:4317</c>; the exporter's default when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    [Required]
    public string ServiceName { get; set; } = "earlywarning-gateway";
}

/// <summary>The exporters <see cref="TelemetryOptions.Exporter"/> may name.</summary>
public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
