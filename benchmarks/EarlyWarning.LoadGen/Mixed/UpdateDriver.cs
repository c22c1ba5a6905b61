using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Mixed;

/// <summary>
/// Hub location updates at a fixed total rate, open loop: every 10 ms the updates then due are
/// sent, round robin over the clients, whether or not earlier ones have completed; each is timed
/// from its send to its completion.
/// </summary>
internal sealed class UpdateDriver(HubFleet fleet, IReadOnlyList<GeoPoint> homes, double ratePerSecond)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(10);

    private long _sent;

    public int Clients => fleet.Count;

    public double RatePerSecond => ratePerSecond;

    /// <summary>The updates completed, their latencies, how many failed or timed out, and how long the sending lasted.</summary>
    public sealed record Outcome(LatencyRecorder Latency, long Failed, TimeSpan Elapsed);

    public async Task<Outcome> RunAsync(string label, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        long failed = 0;
        var inFlight = new List<Task>();
        var begin = Stopwatch.GetTimestamp();
        var sending = TimeSpan.Zero;
        long due = 0;
        using (ProgressLine.Describe(label, () => string.Create(CultureInfo.InvariantCulture,
            $"{latency.Count:N0} of {due:N0} updates done{(failed > 0 ? $", {failed:N0} failed" : "")}")))
        {
            using var tick = new PeriodicTimer(Tick);
            while (Stopwatch.GetElapsedTime(begin) < duration && await tick.WaitForNextTickAsync(cancellationToken))
            {
                var target = (long)(Stopwatch.GetElapsedTime(begin).TotalSeconds * ratePerSecond);
                for (; due < target; due++)
                {
                    var k = _sent++;
                    var socket = fleet.Sockets[(int)(k % fleet.Count)];
                    var at = Places.Wander(homes[socket.Index], k / fleet.Count);
                    inFlight.Add(SendOne(socket, at, latency, () => Interlocked.Increment(ref failed), cancellationToken));
                }
            }

            sending = Stopwatch.GetElapsedTime(begin);
            await Task.WhenAll(inFlight).WaitAsync(UpdateTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        }

        return new Outcome(latency, failed, sending);
    }

    private static async Task SendOne(HubSocket socket, GeoPoint at, LatencyRecorder latency, Action fail, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await socket.InvokeAsync("UpdateLocation", at.Lat, at.Lon, UpdateTimeout, cancellationToken);
            if (outcome.Succeeded)
            {
                latency.RecordTicks(outcome.ArrivedTimestamp - start);
            }
            else
            {
                fail();
            }
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException)
        {
            fail();
        }
    }
}
