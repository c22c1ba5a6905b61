using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Demo;

/// <summary>
/// Plays the demo once the gateway is ready: seeds public subscribers over the towns (weighted by
/// population, a few km of gaussian spread), puts the five field teams on the road west of
/// Skopje, opens a public case in Skopje and reports a verified sighting every step along the
/// road to Tetovo, with the field teams following. The zone grows and alerts fan out on the map.
/// The case is an exercise: marked as one everywhere, and alerting only those opted in to exercises
/// (the seeded subscribers are; the field teams as configured), never an ordinary subscriber.
/// </summary>
public sealed class DemoScenario(
    IGrainFactory grains,
    SinkRegistration sink,
    IOptions<DemoOptions> options,
    IOptions<AuthOptions> auth,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<DemoScenario> logger) : BackgroundService
{
    private const double SpreadKm = 3;

    /// <summary>The demo case, once opened.</summary>
    public string? CaseId { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var random = new Random(demo.Seed);
        while (!sink.IsRegistered)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, stoppingToken);
        }

        await SeedPublicSubscribers(demo.PublicSubscribers, random, stoppingToken);
        await MoveFieldTeams(0, random);

        var route = DemoRoute.RouteWest;
        var caseId = Domain.Cases.CaseId.Named("demo-" + demo.Seed).Value;
        var opening = new CaseOpening(
            new ChildProfile("Demo Child", 8, null, "Red jacket, blue school bag, speaks Romani and Macedonian", null),
            route[0].Lat, route[0].Lon, clock.GetUtcNow().AddMinutes(-20), TravelMode.Walking, CaseLevel.Public, "supervisor",
            Exercise: true);
        var snapshot = await grains.GetGrain<ICaseGrain>(caseId).Open(opening);
        CaseId = caseId;
        DemoLog.CaseOpened(logger, caseId, snapshot.Stats.Alerted);

        using var timer = new PeriodicTimer(demo.StepInterval, clock);
        for (var step = 1; step < route.Count && await timer.WaitForNextTickAsync(stoppingToken); step++)
        {
            var at = route[step];
            var result = await grains.GetGrain<ICaseGrain>(caseId).ReportSighting(new SightingReport(
                DemoSightingId(demo.Seed, step), at.Lat, at.Lon, clock.GetUtcNow(), $"Seen walking west (demo step {step})",
                Roles.Field, null, Verified: true));
            await MoveFieldTeams(step, random);
            DemoLog.Step(logger, step, route.Count - 1, result.Sighting?.Id ?? "-");
        }
    }

    private async Task SeedPublicSubscribers(int count, Random random, CancellationToken stoppingToken)
    {
        var towns = NorthMacedonia.Towns;
        var total = towns.Sum(t => t.Population);
        const int chunk = 200;
        for (var start = 0; start < count; start += chunk)
        {
            stoppingToken.ThrowIfCancellationRequested();
            var batch = Enumerable.Range(start, Math.Min(chunk, count - start)).Select(i =>
            {
                var town = PickTown(random, total);
                var position = Haversine.Destination(town.Centre, random.NextDouble() * 360, Math.Abs(Gaussian(random)) * SpreadKm);
                var language = random.NextDouble() < 0.1 ? AlertLanguage.English : town.Language;
                var profile = new SubscriberProfile(SubscriberKind.Public, language, 2 + (random.NextDouble() * 8), position.Lat, position.Lon,
                    Exercises: true);
                return grains.GetGrain<ISubscriberGrain>($"s-demo-{i:D5}").Subscribe(profile);
            });
            await Task.WhenAll(batch);
        }

        DemoLog.Seeded(logger, count);
    }

    /// <summary>The five field teams spread along the road, a little ahead of and behind the child.</summary>
    private async Task MoveFieldTeams(int step, Random random)
    {
        var route = DemoRoute.RouteWest;
        var moves = Enumerable.Range(1, 5).Select(team =>
        {
            var near = route[Math.Clamp(step + team - 3, 0, route.Count - 1)];
            var at = Haversine.Destination(near, random.NextDouble() * 360, 1 + random.NextDouble() * 3);
            var profile = new SubscriberProfile(SubscriberKind.Field, auth.Value.FieldLanguage, auth.Value.FieldWatchRadiusKm, at.Lat, at.Lon, auth.Value.FieldExercises);
            return grains.GetGrain<ISubscriberGrain>($"field{team}").Subscribe(profile);
        });
        await Task.WhenAll(moves);
    }

    private static Town PickTown(Random random, int total)
    {
        var pick = random.Next(total);
        foreach (var town in NorthMacedonia.Towns)
        {
            pick -= town.Population;
            if (pick < 0)
            {
                return town;
            }
        }

        return NorthMacedonia.Towns[0];
    }

    /// <summary>The same id for a step on every run (a sighting is stored once per id), in the form sighting routes accept: <c>s-</c> and 32 hex digits.</summary>
    private static string DemoSightingId(int seed, int step) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"s-{seed:x16}{step:x16}");

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
