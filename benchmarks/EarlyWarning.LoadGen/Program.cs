using System.Net.WebSockets;
using EarlyWarning.LoadGen.Fanout;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;
using EarlyWarning.LoadGen.Ingest;
using EarlyWarning.LoadGen.Latency;
using EarlyWarning.LoadGen.Mixed;
using EarlyWarning.LoadGen.Reporting;

// End-to-end load on a running gateway over loopback WebSockets. benchmarks/loadgen.sh starts the gateway.
// A holder process of a split fan-out (Fanout/HolderProgram.cs): its own protocol on stdin/stdout.
if (args is [HolderProgram.Command, ..])
{
    return await HolderProgram.RunAsync(args[1..]);
}

if (args.Contains("--help"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

var options = LoadOptions.Parse(args);
using var deadline = RunDeadline.Start(options.Plan.RunTimeout);
using var clients = new GatewayClients(options.Targets, options.Plan.SubscribeInFlight);
using var report = ResultReport.Create(options.CsvPath);
var context = new LoadContext(options.Targets, clients, options.Plan, report, options.Probes);

for (var i = 0; i < clients.Count; i++)
{
    if (!await clients[i].IsHealthyAsync(deadline.Token))
    {
        Console.Error.WriteLine($"loadgen: no healthy gateway at {options.Targets.HttpBase(i)} (GET /healthz); it must listen on every --addresses address.");
        return 2;
    }
}

Console.WriteLine($"loadgen: gateway {options.Targets}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
    $"open files {OpenFileLimit.Current()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}, " +
    $"{(options.Quick ? "quick" : "full")}: {string.Join(' ', options.Scenarios)}");
Console.WriteLine($"plan: {options.Plan}");
ResultReport.PrintHeader();

var failures = 0;
foreach (var scenario in options.Scenarios)
{
    try
    {
        var run = scenario switch
        {
            "latency" => LatencyScenario.RunAsync(context, deadline.Token),
            "ingest" => IngestScenario.RunAsync(context, deadline.Token),
            "mixed" => MixedScenario.RunAsync(context, deadline.Token),
            _ => FanoutScenario.RunAsync(context, deadline.Token),
        };
        await run;
    }
    catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or WebSocketException or TimeoutException or OperationCanceledException)
    {
        // One scenario failing (a limit, a refusal, a timeout) must not cost the others' figures.
        failures++;
        Console.Error.WriteLine($"\n{scenario}: FAILED: {ex.GetType().Name}: {ex.Message}");
        if (deadline.Token.IsCancellationRequested)
        {
            break;
        }
    }
}

// The client shares the machine with the gateway: say what it cost, so its share can be judged.
using (var self = System.Diagnostics.Process.GetCurrentProcess())
{
    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"loadgen: own CPU {self.TotalProcessorTime.TotalSeconds:0.0} s over {(DateTime.Now - self.StartTime).TotalSeconds:0} s, peak RSS {self.PeakWorkingSet64 / (1024 * 1024)} MiB"));
}

Console.WriteLine($"csv: {report.CsvPath}");
return failures == 0 ? 0 : 1;
