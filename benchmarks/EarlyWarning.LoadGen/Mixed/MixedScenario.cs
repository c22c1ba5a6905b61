using System.Diagnostics;
using System.Globalization;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Mixed;

/// <summary>
/// <c>mixed</c>: clients within 40 km of Skopje send hub location updates at a fixed total rate
/// (open loop) while a public case's 50 km zone centred there is moved by a verified sighting
/// every 100 ms, so its tiles are re-matched continually. After a 3 s warm-up, a third of the
/// time without the sightings (<c>mixed_baseline</c>), then with them (<c>mixed</c>,
/// <c>mixed_sighting</c>).
/// </summary>
internal static class MixedScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var homes = Places.Disc(Places.Skopje, 40, plan.MixedClients, seed: 4);
        var tokens = await Subscriptions.CreateAsync(context.Clients, homes, 1, plan.SubscribeInFlight, "mixed: subscribing", cancellationToken);
        await using var fleet = await HubFleet.ConnectAsync(context.Targets, tokens, "mixed: connecting", null, cancellationToken);
        var desk = await SupervisorDesk.SignInAsync(context.Clients.Control, cancellationToken);
        var driver = new UpdateDriver(fleet, homes, plan.MixedUpdatesPerSecond);

        // Unmeasured: the first updates of freshly connected clients pay for JIT and cold paths.
        await driver.RunAsync("mixed: warm-up", WarmUp, cancellationToken);
        var baseline = await driver.RunAsync("mixed_baseline", plan.MixedDuration / 3, cancellationToken);
        Report(context, "mixed_baseline", baseline, driver, "location updates, no case open");

        string? caseId = null;
        var alertsBefore = fleet.Alerts;
        try
        {
            caseId = await desk.OpenPublicCaseAsync(Places.Skopje, SightingAge.Opening(SightingAge.FiftyKm), cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sightings = ReportSightingsAsync(desk, caseId, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var mixed = await driver.RunAsync("mixed", plan.MixedDuration, cancellationToken);
            await stop.CancelAsync();
            var (posts, elapsed) = await sightings;
            var alerts = fleet.Alerts - alertsBefore;
            Report(context, "mixed", mixed, driver, string.Create(CultureInfo.InvariantCulture,
                $"location updates while a 50 km zone moves every {LoadPlan.MixedSightingInterval.TotalMilliseconds:0} ms; {alerts:N0} alerts reached the clients"));
            context.Report.Add(ResultRow.From("mixed_sighting", 1, posts, posts.Count / elapsed.TotalSeconds, "sighting POST -> 202 during the mixed load"));
        }
        finally
        {
            await desk.ResolveQuietlyAsync(caseId, CancellationToken.None);
        }
    }

    private static void Report(LoadContext context, string measure, UpdateDriver.Outcome outcome, UpdateDriver driver, string label)
    {
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{label}; {driver.RatePerSecond:N0}/s asked{(outcome.Failed > 0 ? $"; {outcome.Failed:N0} FAILED" : "")}");
        context.Report.Add(ResultRow.From(measure, driver.Clients, outcome.Latency, outcome.Latency.Count / outcome.Elapsed.TotalSeconds, note));
    }

    /// <summary>A verified sighting every 100 ms (or as soon as the last is answered, if slower) until stopped.</summary>
    private static async Task<(LatencyRecorder Posts, TimeSpan Elapsed)> ReportSightingsAsync(SupervisorDesk desk, string caseId, CancellationToken stop)
    {
        var posts = new LatencyRecorder();
        var began = Stopwatch.GetTimestamp();
        using var pace = new PeriodicTimer(LoadPlan.MixedSightingInterval);
        try
        {
            for (var k = 0; !stop.IsCancellationRequested; k++)
            {
                var start = Stopwatch.GetTimestamp();
                posts.RecordTicks(await desk.ReportAsync(caseId, Places.Alternate(Places.Skopje, k), SightingAge.FiftyKm, stop) - start);
                await pace.WaitForNextTickAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        return (posts, Stopwatch.GetElapsedTime(began));
    }
}
