using System.Diagnostics.Metrics;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// The alert instruments of the <c>EarlyWarning</c> meter. A singleton: the sink and the hub
/// record into it; OpenTelemetry (or dotnet-counters) reads it.
/// </summary>
public sealed class AlertMetrics
{
    public const string DispatchedName = "earlywarning.alerts.dispatched";
    public const string DeliveredName = "earlywarning.alerts.delivered";
    public const string AcknowledgedName = "earlywarning.alerts.acknowledged";
    public const string LatencyName = "earlywarning.dispatch.latency";

    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _acknowledged;
    private readonly Histogram<double> _latency;

    public AlertMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Telemetry.Name);
        _dispatched = meter.CreateCounter<long>(DispatchedName, "{alert}", "Alerts handed to the hub for sending.");
        _delivered = meter.CreateCounter<long>(DeliveredName, "{alert}", "Alerts the hub has sent to their subscribers.");
        _acknowledged = meter.CreateCounter<long>(AcknowledgedName, "{alert}", "Alerts a subscriber has acknowledged.");
        _latency = meter.CreateHistogram<double>(LatencyName, "ms", "From an alert batch's issue to its delivery, one sample per batch.");
    }

    /// <summary><paramref name="count"/> alerts were handed to the hub.</summary>
    public void Dispatched(int count) => _dispatched.Add(count);

    /// <summary><paramref name="count"/> alerts of one batch were sent, <paramref name="latencyMs"/> after the batch was issued.</summary>
    public void Delivered(int count, double latencyMs)
    {
        _delivered.Add(count);
        _latency.Record(latencyMs);
    }

    /// <summary>A subscriber acknowledged an alert.</summary>
    public void Acknowledged() => _acknowledged.Add(1);
}
