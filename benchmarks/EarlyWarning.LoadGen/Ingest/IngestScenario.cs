using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Ingest;

/// <summary>
/// <c>ingest</c>: C clients around Ohrid, each in a closed loop moving a few tens of metres at a
/// time, first through the hub (<c>UpdateLocation(lat, lon)</c>, counted on its completion),
/// then the same through the no-op hub (<c>/hubs/noop</c>, when the gateway offers it: SignalR's own
/// ceiling on this machine), then through <c>PUT /api/subscribers/me/location</c> (counted on its
/// 204), for a fixed time each.
/// </summary>
internal static class IngestScenario
{
    private const string NoOpHubPath = "/hubs/noop";

    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(10);

    /// <summary>One location update by client <c>i</c> (its <c>k</c>-th); the completion's timestamp, or null when refused.</summary>
    private delegate Task<long?> Update(int client, long k, CancellationToken cancellationToken);

    public static async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clients = context.Plan.IngestClients;
        var homes = Places.Disc(Places.Ohrid, 5, clients, seed: 3);
        var tokens = await Subscriptions.CreateAsync(context.Clients, homes, 1, context.Plan.SubscribeInFlight, "ingest: subscribing", cancellationToken);

        await using (var fleet = await HubFleet.ConnectAsync(context.Targets, tokens, "ingest: connecting", null, cancellationToken))
        {
            await MeasureAsync(context, "ingest_hub", clients, "UpdateLocation invocations, closed loop", async (i, k, ct) =>
            {
                var at = Places.Wander(homes[i], k);
                var outcome = await fleet.Sockets[i].InvokeAsync("UpdateLocation", at.Lat, at.Lon, UpdateTimeout, ct);
                return outcome.Succeeded ? outcome.ArrivedTimestamp : null;
            }, cancellationToken);
        }

        // The same load against a hub method that does nothing: what SignalR itself allows here.
        HubFleet? noOp = null;
        try
        {
            noOp = await HubFleet.ConnectAsync(context.Targets, tokens, "ingest: connecting to the no-op hub", null, 0, NoOpHubPath, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"ingest_noop: skipped, the gateway offers no {NoOpHubPath} (gateway setting Benchmarks:NoOpHub=true, Development only): {ex.Message}");
        }

        if (noOp is not null)
        {
            await using (noOp)
            {
                await MeasureAsync(context, "ingest_noop", clients, "the same invocations to /hubs/noop, whose UpdateLocation does nothing", async (i, k, ct) =>
                {
                    var at = Places.Wander(homes[i], k);
                    var outcome = await noOp.Sockets[i].InvokeAsync("UpdateLocation", at.Lat, at.Lon, UpdateTimeout, ct);
                    return outcome.Succeeded ? outcome.ArrivedTimestamp : null;
                }, cancellationToken);
            }
        }

        // One HTTP/1.1 connection per client, spread over the loopback addresses.
        using var rest = new GatewayClients(context.Targets, clients);
        await MeasureAsync(context, "ingest_rest", clients, "PUT /api/subscribers/me/location, closed loop", async (i, k, ct) =>
        {
            var at = Places.Wander(homes[i], k);
            return await rest[i].UpdateLocationAsync(tokens[i], at.Lat, at.Lon, ct) ? Stopwatch.GetTimestamp() : null;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs every client's loop for a warm-up then the measured duration; counts and times the
    /// updates that complete inside the measured window.
    /// </summary>
    private static async Task MeasureAsync(LoadContext context, string measure, int clients, string label, Update update, CancellationToken cancellationToken)
    {
        var duration = context.Plan.IngestDuration;
        var warmup = TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds / 5));
        var windowStart = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var recorder = new LatencyRecorder();
        long refused = 0;
        long timedOut = 0;
        using (ProgressLine.Describe(measure, () => string.Create(CultureInfo.InvariantCulture,
            $"{recorder.Count:N0} updates in the window{(refused > 0 ? $", {refused:N0} refused" : "")}")))
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
            {
                for (long k = 0; Stopwatch.GetTimestamp() < windowEnd; k++)
                {
                    var start = Stopwatch.GetTimestamp();
                    long? done;
                    try
                    {
                        done = await update(i, k, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        Interlocked.Increment(ref timedOut);
                        continue;
                    }
                    catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
                    {
                        // A closed socket or a failed request: counted, and the client keeps trying.
                        Interlocked.Increment(ref refused);
                        await Task.Delay(100, cancellationToken);
                        continue;
                    }

                    if (done is not { } end)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else if (end >= windowStart && end <= windowEnd)
                    {
                        recorder.RecordTicks(end - start);
                    }
                }
            }, cancellationToken)));
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"{label}{(refused > 0 ? $"; {refused:N0} REFUSED" : "")}{(timedOut > 0 ? $"; {timedOut:N0} timed out" : "")}");
        context.Report.Add(ResultRow.From(measure, clients, recorder, recorder.Count / duration.TotalSeconds, note));
    }
}
