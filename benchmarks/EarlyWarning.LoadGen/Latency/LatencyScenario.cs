using System.Diagnostics;
using System.Globalization;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Latency;

/// <summary>
/// <c>latency</c>: one public subscriber connected to the hub; the supervisor reports verified
/// sightings at a set rate, alternating between two points ~300 m apart so each moves the zone.
/// Latency runs from just before the POST is sent to the <c>update</c> arriving on the socket.
/// </summary>
internal static class LatencyScenario
{
    private const int MaxLostAlerts = 10;

    public static async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        var age = plan.FreshSightings ? SightingAge.Fresh : SightingAge.Steady;
        var tokens = await Subscriptions.CreateAsync(context.Clients, [Places.Skopje], 5, plan.SubscribeInFlight, "latency: subscribing", cancellationToken);
        var waiter = new AlertWaiter();
        await using var fleet = await HubFleet.ConnectAsync(context.Targets, tokens, "latency: connecting", waiter.Observe, cancellationToken);
        var desk = await SupervisorDesk.SignInAsync(context.Clients.Control, cancellationToken);

        var opened = waiter.Arm(null, AlertKind.New, 0);
        var caseId = await desk.OpenPublicCaseAsync(Places.Skopje, SightingAge.Opening(age), cancellationToken);
        var version = (await opened.WaitAsync(LoadPlan.AlertTimeout, cancellationToken)).Version;

        var alerts = new LatencyRecorder();
        var posts = new LatencyRecorder();
        var lost = 0;
        var total = LoadPlan.WarmupSightings + plan.Sightings;
        var measuredStart = 0L;
        try
        {
            using var progress = ProgressLine.Count("latency: sightings", total);
            using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / plan.SightingsPerSecond));
            for (var k = 0; k < total; k++)
            {
                await pace.WaitForNextTickAsync(cancellationToken);
                if (k == LoadPlan.WarmupSightings)
                {
                    measuredStart = Stopwatch.GetTimestamp();
                }

                var arrived = waiter.Arm(caseId, AlertKind.Update, version);
                var start = Stopwatch.GetTimestamp();
                var posted = desk.ReportAsync(caseId, Places.Alternate(Places.Skopje, k), age, cancellationToken);
                try
                {
                    var alert = await arrived.WaitAsync(LoadPlan.AlertTimeout, cancellationToken);
                    var postedAt = await posted;
                    version = alert.Version;
                    if (k >= LoadPlan.WarmupSightings)
                    {
                        alerts.RecordTicks(alert.ArrivedTimestamp - start);
                        posts.RecordTicks(postedAt - start);
                    }

                    progress.Advance();
                }
                catch (TimeoutException)
                {
                    await posted;
                    progress.Fail();
                    version = waiter.MaxVersion;
                    if (++lost > MaxLostAlerts)
                    {
                        throw new TimeoutException($"latency: {lost} alerts did not arrive within {LoadPlan.AlertTimeout.TotalSeconds:0} s.");
                    }
                }
            }
        }
        finally
        {
            await desk.ResolveQuietlyAsync(caseId, CancellationToken.None);
        }

        var rate = alerts.Count / Stopwatch.GetElapsedTime(measuredStart).TotalSeconds;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"sighting POST -> alert on the socket; {(plan.FreshSightings ? "fresh sightings (zone grows a circle each)" : "one-circle zone")}{(lost > 0 ? $"; {lost} LOST" : "")}");
        context.Report.Add(ResultRow.From("latency", 1, alerts, rate, note));
        alerts.WriteCdf(Path.Combine(Path.GetDirectoryName(context.Report.CsvPath)!, "latency-cdf.csv"));
        context.Report.Add(ResultRow.From("latency_post", 1, posts, rate, "sighting POST -> its 202"));
    }
}
