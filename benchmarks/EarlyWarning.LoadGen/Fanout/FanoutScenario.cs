using System.Diagnostics;
using System.Globalization;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Hub;
using EarlyWarning.LoadGen.Reporting;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// <c>fanout</c>: N public subscribers within 2 km of central Skopje (watching 2 km), each on its
/// own socket, spread evenly over the gateways (in this process, or over <c>--holders</c>
/// processes); a case opened there (every socket gets its <c>new</c>), then verified sightings
/// that move the zone, one round each: the time until every socket has its <c>update</c>. With
/// <see cref="ClusterProbes"/>, the memory of the watched processes and Redis's counters too.
/// </summary>
internal static class FanoutScenario
{
    /// <summary>How far each subscriber watches, and the radius of the disc the crowd stands in.</summary>
    public const double WatchRadiusKm = 2.0;

    private const string Idle = "idle";
    private const string Subscribed = "subscribed";
    private const string Connected = "connected";
    private const string AfterRounds = "after-rounds";

    private static readonly TimeSpan SettleBetweenRounds = TimeSpan.FromSeconds(1);

    /// <summary>How long the opening waits for the backplane to subscribe every connection's channels.</summary>
    private static readonly TimeSpan BackplaneWait = TimeSpan.FromSeconds(180);

    /// <summary>
    /// The Redis channels the SignalR backplane subscribes per connection: its own and its user's.
    /// (Alerts no longer go through a group per subscriber since 845dedc; waiting for a third channel
    /// that never comes cost every cluster run the whole <see cref="BackplaneWait"/>.)
    /// </summary>
    private const int ChannelsPerConnection = 2;

    /// <summary>The crowd's places: fixed, so a holder's slice of it is the same subscribers whoever computes it.</summary>
    public static GeoPoint[] Crowd(int subscribers) => Places.Disc(Places.Skopje, WatchRadiusKm, subscribers, seed: 6);

    public static async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Plan.FanoutSubscribers;
        var holders = context.Plan.FanoutHolders;
        var gateways = context.Targets.GatewayCount;
        OpenFileLimit.Require((n + gateways - 1) / gateways, gateways == 1 ? "fanout (the gateway)" : $"fanout (each of {gateways} gateways)");
        OpenFileLimit.Require(holders == 0 ? n : (n + holders - 1) / holders, holders == 0 ? "fanout (this process; --holders K splits it)" : "fanout (each holder)");

        var memory = new MemoryReport(context.Probes.MemoryCsvPath);
        var watched = context.Probes.Processes.ToList();
        memory.Read(watched, Idle);
        var idleChannels = context.Probes.RedisPort is { } redisPort ? (await RedisStats.ReadAsync(redisPort, cancellationToken))?.Channels : null;
        await using var audience = await FormAsync(context, n, holders, () => memory.Read(watched, Subscribed), cancellationToken);
        if (audience is HolderAudience split)
        {
            watched.AddRange(split.Processes.Select(p => new WatchedProcess(p.Name, p.Pid)));
        }

        memory.Read(watched, Connected);
        Console.Error.WriteLine($"fanout: {audience.Count:N0} sockets connected over {context.Targets}");

        var desk = await SupervisorDesk.SignInAsync(context.Clients.Control, cancellationToken);
        string? caseId = null;
        var firsts = new LatencyRecorder();
        try
        {
            await AwaitBackplaneSubscriptionsAsync(context, idleChannels, audience.Count, cancellationToken);
            var version = await RunRound(context, audience, watched, new FanoutRoundSpec(0, null, AlertKind.New, 0), "fanout_new", "case opened -> every socket's new", null,
                async ct => caseId = await desk.OpenPublicCaseAsync(Places.Skopje, SightingAge.Opening(SightingAge.Steady), ct), cancellationToken);

            for (var r = 1; r <= context.Plan.FanoutRepeats; r++)
            {
                await Task.Delay(SettleBetweenRounds, cancellationToken);
                var at = Places.Alternate(Places.Skopje, r);
                version = await RunRound(context, audience, watched, new FanoutRoundSpec(r, caseId, AlertKind.Update, version), "fanout",
                    $"round {r}: sighting POST -> every socket's update", firsts,
                    ct => desk.ReportAsync(caseId!, at, SightingAge.Steady, ct), cancellationToken);
            }
        }
        finally
        {
            memory.Read(watched, AfterRounds);
            await desk.ResolveQuietlyAsync(caseId, CancellationToken.None);
        }

        context.Report.Add(ResultRow.From("fanout_first", audience.Count, firsts, double.NaN, "first arrival of each update round"));
        if (watched.Count > 0)
        {
            memory.Write(Subscribed, Connected, [.. Enumerable.Range(0, gateways).Select(g => (n / gateways) + (g < n % gateways ? 1 : 0))]);
        }
    }

    /// <summary>
    /// With Redis: waits until the backplane has subscribed every connection's channels. A gateway
    /// answers a hub handshake before it has subscribed the connection's groups on Redis, and an
    /// alert published before that never reaches the socket; real subscribers connect long before
    /// a case opens, so the opening waits (and says how long it took, a figure of its own).
    /// </summary>
    private static async Task AwaitBackplaneSubscriptionsAsync(LoadContext context, long? idleChannels, int sockets, CancellationToken cancellationToken)
    {
        if (context.Probes.RedisPort is not { } port || idleChannels is null)
        {
            return;
        }

        // Not idle + sockets × 2: the idle channels (the gateways' own) can shrink by one meanwhile,
        // and then the wait ran its whole 180 s (a 45 000-socket run: 90 018 of 90 019).
        var expected = (long)sockets * ChannelsPerConnection;
        var started = Stopwatch.GetTimestamp();
        long channels = 0;
        while (Stopwatch.GetElapsedTime(started) < BackplaneWait)
        {
            channels = (await RedisStats.ReadAsync(port, cancellationToken))?.Channels ?? 0;
            if (channels >= expected)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fanout: Redis had {channels:N0} of {expected:N0} channels (every connection's {ChannelsPerConnection}) {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s after the last socket's handshake"));
    }

    /// <summary>Subscribes the crowd and connects its sockets, here or in holder processes; <paramref name="onSubscribed"/> runs between the two.</summary>
    private static async Task<IFanoutAudience> FormAsync(LoadContext context, int n, int holders, Action onSubscribed, CancellationToken cancellationToken)
    {
        if (holders > 0)
        {
            return await HolderAudience.StartAsync(
                context.Targets, context.Plan, n, holders, Path.ChangeExtension(context.Report.CsvPath, null), onSubscribed, cancellationToken);
        }

        var tokens = await Subscriptions.CreateAsync(context.Clients, Crowd(n), WatchRadiusKm, context.Plan.SubscribeInFlight, "fanout: subscribing", cancellationToken);
        onSubscribed();
        return await LocalAudience.ConnectAsync(context.Targets, tokens, "fanout: connecting", 0, cancellationToken);
    }

    /// <summary>
    /// Arms the round, sends its request (timed from just before it), waits for every socket (or
    /// the round's timeout), reports it with the CPU the <paramref name="watched"/> processes spent
    /// meanwhile, and returns the newest version seen.
    /// </summary>
    private static async Task<long> RunRound(
        LoadContext context, IFanoutAudience audience, IReadOnlyList<WatchedProcess> watched, FanoutRoundSpec spec, string measure, string label, LatencyRecorder? firsts,
        Func<CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        await audience.ArmAsync(spec, cancellationToken);
        var redisBefore = context.Probes.RedisPort is { } port ? await RedisStats.ReadAsync(port, cancellationToken) : null;
        var cpu = CpuAccount.Start(watched);
        var start = Stopwatch.GetTimestamp();
        await request(cancellationToken);

        var timedOut = false;
        using (ProgressLine.Describe(measure, () => string.Create(CultureInfo.InvariantCulture, $"{audience.Arrived:N0}/{audience.Count:N0} sockets have it")))
        {
            try
            {
                await audience.Complete.WaitAsync(LoadPlan.RoundTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                timedOut = true;
            }
        }

        var cpuSpent = cpu.Describe();
        var round = await audience.CollectAsync(cancellationToken);
        // The backplane's share of the round: PUBLISHes between just before the request and the last arrival (plus the collection).
        var redis = context.Probes.RedisPort is { } after && redisBefore is not null && await RedisStats.ReadAsync(after, cancellationToken) is { } redisAfter
            ? redisAfter.Since(redisBefore).Describe(redisBefore)
            : null;

        var arrivals = round.Timestamps.Select(t => (t - start) / LatencyRecorder.TicksPerMs).ToArray();
        var recorder = new LatencyRecorder();
        foreach (var ms in arrivals)
        {
            recorder.RecordTicks((long)(ms * LatencyRecorder.TicksPerMs));
        }

        var first = arrivals.Length > 0 ? arrivals[0] : double.NaN;
        var last = arrivals.Length > 0 ? arrivals[^1] : double.NaN;
        if (arrivals.Length > 0)
        {
            firsts?.RecordTicks((long)(first * LatencyRecorder.TicksPerMs));
        }

        var versions = round.Versions;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"{label}; first {first:0.0} ms, last {last:0.0} ms{(arrivals.Length < audience.Count ? $"; ONLY {arrivals.Length:N0} of {audience.Count:N0}" : "")}" +
            $"{(timedOut ? $" (timed out after {LoadPlan.RoundTimeout.TotalSeconds:0} s)" : "")}{(versions.Length > 1 ? $"; versions {string.Join('/', versions)}" : "")}" +
            $"{(round.OpenSockets < audience.Count ? $"; {audience.Count - round.OpenSockets:N0} sockets closed" : "")}" +
            $"{(round.PerGateway.Length > 1 ? $"; per gateway {string.Join('/', round.PerGateway.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}" : "")}" +
            $"{(redis is not null ? $"; {redis}" : "")}{(cpuSpent is not null ? $"; {cpuSpent}" : "")}");
        context.Report.Add(new ResultRow(measure, audience.Count, arrivals.Length,
            recorder.PercentileMs(50), recorder.PercentileMs(90), recorder.PercentileMs(99), last,
            arrivals.Length / (last / 1000), note));
        return versions.Length > 0 ? versions[^1] : 0;
    }
}
