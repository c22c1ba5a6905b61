using System.Globalization;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>The command line; see <see cref="Usage"/>.</summary>
internal sealed record LoadOptions(LoadTargets Targets, string CsvPath, bool Quick, IReadOnlyList<string> Scenarios, LoadPlan Plan, ClusterProbes Probes)
{
    /// <summary>Every scenario, in the order a run takes them: fan-out last, its crowd would weigh on the others.</summary>
    public static IReadOnlyList<string> AllScenarios { get; } = ["latency", "ingest", "mixed", "fanout"];

    public const string Usage = """
        usage: EarlyWarning.LoadGen --gateway http://127.0.0.1:PORT[,http://127.0.0.1:PORT2…] [--addresses 4] [--csv PATH] [--quick]
                                    [latency] [ingest] [mixed] [fanout]          (default: all, in this order)
          --gateway URLS     one gateway, or several (comma-separated, same address, one port each): clients spread evenly over them
          --addresses N      spread sockets over 127.0.0.1 … 127.0.0.N (every gateway must listen on each)
          --subscribe-parallelism N  POST /api/subscribers in flight at once (64)
          --sightings N      latency: measured sightings (1000; 200 quick), after 20 warm-up ones
          --rate R           latency: sightings per second (20)
          --fresh-sightings  latency: seenAt = now, so every sighting stays a zone anchor for 30 min
          --subscribers N    fanout: connected subscribers (100000; 10000 quick)
          --repeats N        fanout: sightings, one round each (5; 3 quick)
          --holders K        fanout: split the sockets over K holder processes (0: all in this one); one process may open ~20 000 files
          --watch NAME=PID,… fanout: read these processes' VmRSS/VmHWM before subscribing, once connected and after the rounds
          --redis-port P     fanout: read Redis's INFO (redis-cli, REDISCLI_AUTH) around each round: PUBLISH count, bytes
          --clients C        ingest: concurrent clients per transport (64)
          --mixed-clients N  mixed: clients sending location updates (1000; 200 quick)
          --mixed-rate R     mixed: location updates per second, all clients together (2000; 1000 quick)
          --duration S       ingest (per transport) and mixed: measured seconds (15 / 30; 5 / 10 quick)
          --timeout M        the whole run, minutes (120; 20 quick): past it the process exits
        """;

    public static LoadOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var plan = LoadPlan.For(quick);
        var duration = Number(Value(args, "--duration"));
        plan = plan with
        {
            SubscribeInFlight = (int?)Number(Value(args, "--subscribe-parallelism")) ?? plan.SubscribeInFlight,
            Sightings = (int?)Number(Value(args, "--sightings")) ?? plan.Sightings,
            SightingsPerSecond = Number(Value(args, "--rate")) ?? plan.SightingsPerSecond,
            FreshSightings = args.Contains("--fresh-sightings"),
            FanoutSubscribers = (int?)Number(Value(args, "--subscribers")) ?? plan.FanoutSubscribers,
            FanoutRepeats = (int?)Number(Value(args, "--repeats")) ?? plan.FanoutRepeats,
            FanoutHolders = (int?)Number(Value(args, "--holders")) ?? plan.FanoutHolders,
            IngestClients = (int?)Number(Value(args, "--clients")) ?? plan.IngestClients,
            IngestDuration = duration is { } d ? TimeSpan.FromSeconds(d) : plan.IngestDuration,
            MixedClients = (int?)Number(Value(args, "--mixed-clients")) ?? plan.MixedClients,
            MixedUpdatesPerSecond = Number(Value(args, "--mixed-rate")) ?? plan.MixedUpdatesPerSecond,
            MixedDuration = duration is { } m ? TimeSpan.FromSeconds(m) : plan.MixedDuration,
            RunTimeout = Number(Value(args, "--timeout")) is { } t ? TimeSpan.FromMinutes(t) : plan.RunTimeout,
        };

        var valued = new[] { "--gateway", "--subscribe-parallelism", "--addresses", "--csv", "--sightings", "--rate", "--subscribers", "--repeats", "--holders", "--watch", "--redis-port", "--clients", "--mixed-clients", "--mixed-rate", "--duration", "--timeout" };
        var flags = new[] { "--quick", "--fresh-sightings" };
        var scenarios = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (valued.Contains(args[i]))
            {
                i++;
            }
            else if (!flags.Contains(args[i]))
            {
                scenarios.Add(AllScenarios.Contains(args[i]) ? args[i] : throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}"));
            }
        }

        var gateway = Value(args, "--gateway") ?? throw new ArgumentException($"--gateway is required.\n{Usage}");
        var targets = LoadTargets.Create([.. gateway.Split(',').Select(g => new Uri(g))], (int?)Number(Value(args, "--addresses")) ?? 4);
        var csv = Value(args, "--csv") ?? (quick ? "loadgen-quick.csv" : "loadgen.csv");
        var ordered = scenarios.Count == 0 ? AllScenarios : [.. AllScenarios.Where(scenarios.Contains)];
        if (plan.FanoutHolders is < 0 or > 64)
        {
            throw new ArgumentException("--holders must be 0 to 64.");
        }

        var probes = new ClusterProbes(
            Watched(Value(args, "--watch")),
            (int?)Number(Value(args, "--redis-port")),
            Path.ChangeExtension(csv, null) + "-memory.csv");
        return new LoadOptions(targets, csv, quick, ordered, plan, probes);
    }

    /// <summary><c>name=pid,name=pid</c>.</summary>
    private static WatchedProcess[] Watched(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(item =>
            item.Split('=') is [var name, var pid] && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new WatchedProcess(name, id)
                : throw new ArgumentException($"--watch takes name=pid,…, not '{item}'."))];

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at < 0 ? null
            : at + 1 < args.Length ? args[at + 1]
            : throw new ArgumentException($"{name} needs a value.\n{Usage}");
    }

    private static double? Number(string? text) =>
        text is null ? null : double.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
