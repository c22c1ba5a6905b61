using System.Diagnostics.Metrics;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EarlyWarning.Gateway.Tests.Hosting;

public sealed class TelemetryTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public void Alert_metrics_count_dispatched_delivered_acknowledged_and_record_latency()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var recorded = new RecordedMeasurements(meters);
        var metrics = new AlertMetrics(meters);

        metrics.Dispatched(5);
        metrics.Delivered(3, 12.5);
        metrics.Delivered(2, 40);
        metrics.Acknowledged();
        metrics.Acknowledged();

        Assert.Equal(5, recorded.Sum(AlertMetrics.DispatchedName));
        Assert.Equal(5, recorded.Sum(AlertMetrics.DeliveredName));
        Assert.Equal(2, recorded.Sum(AlertMetrics.AcknowledgedName));
        Assert.Equal([12.5, 40], recorded.Values(AlertMetrics.LatencyName));
    }

    [Fact]
    public void Alert_instruments_belong_to_the_EarlyWarning_meter_with_their_units()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var recorded = new RecordedMeasurements(meters);

        _ = new AlertMetrics(meters);

        Assert.Equal(
            [
                (AlertMetrics.AcknowledgedName, "{alert}"),
                (AlertMetrics.DeliveredName, "{alert}"),
                (AlertMetrics.DispatchedName, "{alert}"),
                (AlertMetrics.LatencyName, "ms"),
                (AlertMetrics.PushExpiredName, "{subscription}"),
                (AlertMetrics.PushFailedName, "{message}"),
                (AlertMetrics.PushSentName, "{message}"),
            ],
            recorded.Instruments.Select(i => (i.Name, i.Unit!)).Order());
        Assert.All(recorded.Instruments, i => Assert.Equal(Telemetry.Name, i.Meter.Name));
    }

    [Fact]
    public void The_gateway_holds_one_AlertMetrics()
    {
        var first = factory.Services.GetRequiredService<AlertMetrics>();
        var second = factory.Services.GetRequiredService<AlertMetrics>();

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("none", false)]
    [InlineData("console", true)]
    [InlineData("otlp", true)]
    public void The_exporter_setting_decides_whether_OpenTelemetry_is_on(string? exporter, bool on)
    {
        var builder = WebApplication.CreateBuilder();
        if (exporter is not null)
        {
            builder.Configuration["Telemetry:Exporter"] = exporter;
            builder.Configuration["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317";
        }

        builder.AddEarlyWarningTelemetry();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(on, services.GetService<MeterProvider>() is not null);
        Assert.Equal(on, services.GetService<TracerProvider>() is not null);
    }

    /// <summary>Measurements of the instruments made by one meter factory, so parallel tests do not mix in.</summary>
    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value)> _values = [];
        private readonly List<Instrument> _instruments = [];

        public RecordedMeasurements(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope)
                {
                    lock (_instruments)
                    {
                        _instruments.Add(instrument);
                    }

                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument, value));
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument, value));
            _listener.Start();
        }

        public IReadOnlyList<Instrument> Instruments
        {
            get
            {
                lock (_instruments)
                {
                    return [.. _instruments];
                }
            }
        }

        public double Sum(string instrument) => Values(instrument).Sum();

        public IReadOnlyList<double> Values(string instrument)
        {
            lock (_values)
            {
                return [.. _values.Where(v => v.Instrument == instrument).Select(v => v.Value)];
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value)
        {
            lock (_values)
            {
                _values.Add((instrument.Name, value));
            }
        }
    }
}
