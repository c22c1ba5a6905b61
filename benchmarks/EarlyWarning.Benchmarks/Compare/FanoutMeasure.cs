using System.Diagnostics;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>
/// Fan-out: a verified sighting reported to a case whose zone holds exactly n subscribers, until
/// all n alerts of the new version are in the gateways' hands (the counting sink, in process).
/// </summary>
public static class FanoutMeasure
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<Timings> Run(SeededSilo silo, SubscriberPoints points, int recipients, int iterations)
    {
        var query = FanoutZone.ForRecipients(points, recipients);
        var caseId = $"fanout-{recipients}";
        var alerted = silo.Sink.WaitForNewAlerts(caseId, recipients);
        var (grain, radiusKm, version) = await ZoneCase.Open(silo, caseId, query.Centre, query.RadiusKm);
        await alerted.WaitAsync(Patience);
        var (ids, repeated) = silo.Sink.NewAlerts(caseId);
        if (ids.Count != recipients || repeated != 0)
        {
            throw new InvalidOperationException($"fanout: {ids.Count} alerted ({repeated} twice) in a {radiusKm:F3} km zone, expected {recipients}.");
        }

        var timings = new Timings("fanout", query.Distribution.ToString().ToLowerInvariant(), points.Count) { Count = recipients };
        for (var i = -2; i < iterations; i++)
        {
            var delivered = silo.Sink.WaitForVersion(caseId, ++version, recipients);
            var clock = Stopwatch.StartNew();
            await ZoneCase.VerifiedSighting(silo, grain, query.Centre);
            var got = await delivered.WaitAsync(Patience);
            clock.Stop();
            if (got != recipients)
            {
                throw new InvalidOperationException($"fanout: version {version} reached {got}, expected {recipients}.");
            }

            if (i >= 0)
            {
                timings.Add(clock.Elapsed);
            }
        }

        return timings;
    }
}
