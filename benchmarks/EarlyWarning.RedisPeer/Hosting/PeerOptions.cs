using System.Globalization;
using EarlyWarning.Workload;

namespace EarlyWarning.RedisPeer.Hosting;

/// <summary>The command line: <c>--redis HOST:PORT --csv PATH [--quick] [--measures a,b] [--subscribers N] [--fanout a,b] [--clients C]</c>.</summary>
internal sealed record PeerOptions(
    string Endpoint,
    string CsvPath,
    bool Quick,
    int Subscribers,
    IReadOnlySet<string> Measures,
    IReadOnlyList<int> FanoutRecipients,
    int IngestClients)
{
    public static IReadOnlyList<string> AllMeasures { get; } = ["load", "zone5km", "zone50km", "fanout", "ingest", "mixed"];

    public const string Usage =
        "usage: EarlyWarning.RedisPeer --redis HOST:PORT --csv PATH [--quick] [--measures load,zone5km,zone50km,fanout,ingest,mixed]\n" +
        "                              [--subscribers N] [--fanout 1000,10000,100000] [--clients 64]";

    public bool Runs(string measure) => Measures.Contains(measure);

    public static PeerOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = args.Contains("--quick");
        var measures = Value(args, "--measures")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [.. AllMeasures];
        var unknown = measures.Except(AllMeasures).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown measure(s) {string.Join(", ", unknown)}.\n{Usage}");
        }

        return new PeerOptions(
            Value(args, "--redis") ?? "127.0.0.1:6379",
            Value(args, "--csv") ?? "redis-peer.csv",
            quick,
            Number(Value(args, "--subscribers")) ?? WorkloadSizes.Subscribers(quick),
            measures.ToHashSet(StringComparer.Ordinal),
            Value(args, "--fanout")?.Split(',').Select(s => Number(s)!.Value).ToArray() ?? WorkloadSizes.FanoutRecipients,
            Number(Value(args, "--clients")) ?? WorkloadSizes.IngestClients);
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at < 0 ? null
            : at + 1 < args.Length ? args[at + 1]
            : throw new ArgumentException($"{name} needs a value.\n{Usage}");
    }

    private static int? Number(string? text) =>
        text is null ? null : int.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
