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
    public const string PushSentName = "earlywarning.push.sent";
    public const string PushFailedName = "earlywarning.push.failed";
    public const string PushExpiredName = "earlywarning.push.expired";

    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _acknowledged;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _pushSent;
    private readonly Counter<long> _pushFailed;
    private readonly Counter<long> _pushExpired;

    public AlertMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Telemetry.Name);
        _dispatched = meter.CreateCounter<long>(DispatchedName, "{alert}", "Alerts handed to the hub for sending.");
        _delivered = meter.CreateCounter<long>(DeliveredName, "{alert}", "Alerts the hub has sent to their subscribers.");
        _acknowledged = meter.CreateCounter<long>(AcknowledgedName, "{alert}", "Alerts a subscriber has acknowledged.");
        _latency = meter.CreateHistogram<double>(LatencyName, "ms", "From an alert batch's issue to its delivery, one sample per batch.");
        _pushSent = meter.CreateCounter<long>(PushSentName, "{message}", "Web Push messages a push service accepted.");
        _pushFailed = meter.CreateCounter<long>(PushFailedName, "{message}", "Web Push messages given up on (refused, or out of attempts).");
        _pushExpired = meter.CreateCounter<long>(PushExpiredName, "{subscription}", "Web Push subscriptions deleted because their push service said they are gone (404, 410).");
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

    /// <summary>A push service accepted a message.</summary>
    public void PushSent() => _pushSent.Add(1);

    /// <summary><paramref name="count"/> push messages were given up on.</summary>
    public void PushFailed(int count = 1) => _pushFailed.Add(count);

    /// <summary>A push subscription was found gone and deleted.</summary>
    public void PushExpired() => _pushExpired.Add(1);
}
