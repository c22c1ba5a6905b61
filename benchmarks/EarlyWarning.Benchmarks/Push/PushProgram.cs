using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>
/// <c>push</c>: the real gateway pushing to a <see cref="FakePushService"/> in its own process over
/// loopback https. (1) A public case opened over N push subscribers: every <c>new</c> (their grains
/// activated from storage). (2) One verified sighting: the <c>update</c> to all N, timed from the
/// sighting's request to the push service's last acceptance; the gateway's CPU per message; the
/// outbox's peak length against its bound. (3) One subscriber elsewhere: sighting → push accepted,
/// p50 and p99 over sequential sightings.
/// <code>dotnet run -c Release --project benchmarks/EarlyWarning.Benchmarks -- push [--subscribers 100000] [--workers 512] [--samples 200]</code>
/// </summary>
public static class PushProgram
{
    private static readonly GeoPoint Skopje = new(41.9981, 21.4254);
    private static readonly GeoPoint Ohrid = new(41.1172, 20.8016);

    public static async Task<int> Run(string[] args)
    {
        var subscribers = Option(args, "--subscribers", 100_000);
        var workers = Option(args, "--workers", 512);
        var samples = Option(args, "--samples", 200);

        // WebApplicationFactory finds the gateway's content root through a manifest it looks for in the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var service = await FakePushServiceProcess.Start();
        await using var gateway = new PushGateway(service, workers);
        _ = gateway.Server;
        using var supervisor = await gateway.Supervisor();

        var seeding = Stopwatch.StartNew();
        await gateway.Seed("a", subscribers, Skopje, spreadKm: 0.8);
        Print($"push: seeded {subscribers} push subscribers within 0.8 km of Skopje in {seeding.Elapsed.TotalSeconds:F1} s; {workers} workers, outbox bound {gateway.OutboxCapacity} jobs");

        var caseId = "";
        var opened = await Wave(gateway, service, subscribers, "new (grains activated from storage)", async () =>
        {
            caseId = await OpenCase(supervisor, Skopje);
        });
        var updated = await Wave(gateway, service, 2L * subscribers, "update (one sighting)", () =>
            Sighting(supervisor, caseId, new GeoPoint(Skopje.Lat + 0.001, Skopje.Lon)));

        // One subscriber far from the crowd: sighting → push accepted, one at a time.
        await gateway.Seed("o", 1, Ohrid, spreadKm: 0.05);
        var expected = (2L * subscribers) + 1;
        var ohridCase = await OpenCase(supervisor, Ohrid);
        await service.WaitFor(expected, TimeSpan.FromSeconds(30));
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await Sighting(supervisor, ohridCase, new GeoPoint(Ohrid.Lat + (0.0001 * (i % 20)), Ohrid.Lon));
            var (_, last, _) = await service.WaitFor(++expected, TimeSpan.FromSeconds(30));
            latencies.Add(Stopwatch.GetElapsedTime(start, last).TotalMilliseconds);
        }

        latencies.Sort();
        Print($"push: one subscriber, sighting → push accepted over {samples} sightings: p50 {Percentile(latencies, 50):F1} ms, p99 {Percentile(latencies, 99):F1} ms, max {latencies[^1]:F1} ms");
        Print($"push: result subscribers={subscribers} new_s={opened:F2} update_s={updated:F2} p50_ms={Percentile(latencies, 50):F1} p99_ms={Percentile(latencies, 99):F1}");
        return 0;
    }

    /// <summary>Runs <paramref name="trigger"/> and waits until the service has accepted <paramref name="total"/> in all; seconds from the trigger to the last acceptance.</summary>
    private static async Task<double> Wave(PushGateway gateway, FakePushServiceProcess service, long total, string what, Func<Task> trigger)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var serviceCpuBefore = service.CpuTime;
        var (acceptedBefore, _, _) = await service.WaitFor(0, TimeSpan.FromSeconds(5));
        var peakQueued = 0;
        var peakHeap = 0L;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                peakQueued = Math.Max(peakQueued, gateway.Queued);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10);
            }
        });

        var start = Stopwatch.GetTimestamp();
        await trigger();
        var (accepted, last, rejected) = await service.WaitFor(total, TimeSpan.FromMinutes(5));
        await watching.CancelAsync();
        await watch;
        process.Refresh();
        var messages = accepted - acceptedBefore;
        var seconds = Stopwatch.GetElapsedTime(start, last).TotalSeconds;
        var cpu = process.TotalProcessorTime - cpuBefore;
        var serviceCpu = service.CpuTime - serviceCpuBefore;
        Print($"push: {what}: {messages} accepted in {seconds:F2} s ({messages / seconds:F0}/s); gateway CPU {cpu.TotalSeconds:F1} s = {cpu.TotalMicroseconds / messages:F0} µs/message (push service {serviceCpu.TotalMicroseconds / messages:F0} µs/message); outbox peak {peakQueued} jobs; managed heap {heapBefore / 1048576.0:F0} → peak {peakHeap / 1048576.0:F0} MiB; refused {rejected}");
        return seconds;
    }

    private static async Task<string> OpenCase(HttpClient supervisor, GeoPoint at)
    {
        var response = await supervisor.PostAsJsonAsync("/api/cases", new
        {
            child = new { name = "Ana", age = 9, description = "red jacket" },
            lastSeen = new { lat = at.Lat, lon = at.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-1) },
            travelMode = "walking",
            level = "public",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task Sighting(HttpClient supervisor, string caseId, GeoPoint at)
    {
        var response = await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings",
            new { lat = at.Lat, lon = at.Lon, seenAt = DateTimeOffset.UtcNow, description = "bus stop" });
        response.EnsureSuccessStatusCode();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
