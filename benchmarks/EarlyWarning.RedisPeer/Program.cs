using EarlyWarning.RedisPeer.Fanout;
using EarlyWarning.RedisPeer.Hosting;
using EarlyWarning.RedisPeer.Ingest;
using EarlyWarning.RedisPeer.Load;
using EarlyWarning.RedisPeer.Mixed;
using EarlyWarning.RedisPeer.Reporting;
using EarlyWarning.RedisPeer.Zones;
using EarlyWarning.Workload;
using EarlyWarning.Workload.Ingest;
using EarlyWarning.Workload.Subscribers;
using EarlyWarning.Workload.Zones;

// The Redis GEO side of issue 6, at its best. benchmarks/redis-peer.sh starts the redis-server.
if (args.Contains("--help"))
{
    Console.WriteLine(PeerOptions.Usage);
    return;
}

PeerOptions options;
try
{
    options = PeerOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Environment.ExitCode = 2;
    return;
}

var plan = PeerPlan.For(options.Quick);
var needsUniform = options.Runs("load") || options.Runs("zone5km");
var needsClustered = options.Measures.Any(m => m != "zone5km");

var uniform = needsUniform ? PeerConsole.Generate(SubscriberDistribution.Uniform, options.Subscribers) : null;
var clustered = needsClustered ? PeerConsole.Generate(SubscriberDistribution.Clustered, options.Subscribers) : null;

await using var control = await RedisConnections.ConnectAsync(options.Endpoint, "control");
PeerConsole.Describe(control, options);
await RedisConnections.Server(control).FlushAllDatabasesAsync();
var db = control.GetDatabase();
using var report = ResultReport.Create(options.CsvPath);

if (uniform is not null)
{
    await LoadMeasure.RunAsync(control, uniform, plan, report);
}

if (clustered is not null)
{
    await LoadMeasure.RunAsync(control, clustered, plan, report);
}

if (options.Runs("zone5km"))
{
    await ZoneSearchMeasure.RunAsync(db, uniform!, ZoneQueries.Zone5KmUniform, plan.Zone5KmIterations, report);
}

if (options.Runs("zone50km"))
{
    await ZoneSearchMeasure.RunAsync(db, clustered!, ZoneQueries.Zone50KmClustered, plan.Zone50KmIterations, report);
}

if (options.Runs("fanout"))
{
    await using var gateways = await GatewayFleet.ConnectAsync(options.Endpoint, WorkloadSizes.Gateways);
    await using var dispatcher = await RedisConnections.ConnectAsync(options.Endpoint, "dispatcher");
    foreach (var recipients in options.FanoutRecipients.Where(r => r <= clustered!.Count))
    {
        await FanoutMeasure.RunAsync(dispatcher, gateways, clustered!, recipients, plan.FanoutIterations(recipients), report);
    }
}

// Updates move subscribers (a few metres each): they run after every measure that checks recipients.
var updates = clustered is null ? [] : LocationUpdates.Generate(clustered, plan.PipelinedUpdates);
if (options.Runs("ingest"))
{
    await IngestMeasure.RunAsync(options.Endpoint, clustered!, updates, options.IngestClients, plan.IngestDuration, report);
    await IngestMeasure.RunAsync(options.Endpoint, clustered!, updates, 1, plan.SerialIngestDuration, report);
    await PipelinedIngestMeasure.RunAsync(options.Endpoint, clustered!, updates, plan.PipelinedUpdates, report);
}

if (options.Runs("mixed"))
{
    await MixedMeasure.RunAsync(options.Endpoint, clustered!, updates, ZoneQueries.Zone50KmClustered,
        plan.MixedDuration, plan.MixedUpdatesPerSecond, report);
}

Console.WriteLine($"csv: {Path.GetFullPath(options.CsvPath)}");
