using System.Globalization;
using System.Text;
using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>A line the driver sends a holder process on its standard input.</summary>
internal abstract record HolderCommand;

/// <summary><c>connect</c>: every subscriber of the share exists (and the driver has read memory): connect the sockets; the holder answers <see cref="ConnectedMessage"/>.</summary>
internal sealed record ConnectCommand : HolderCommand;

/// <summary><c>round N KIND CASE|- AFTER</c>: watch for this alert; the holder answers <see cref="ArmedMessage"/>.</summary>
internal sealed record ArmCommand(FanoutRoundSpec Spec) : HolderCommand;

/// <summary><c>report N</c>: end round N; the holder answers <see cref="ArrivalsMessage"/>.</summary>
internal sealed record ReportCommand(int Round) : HolderCommand;

/// <summary><c>quit</c> (or the end of standard input): close every socket and exit.</summary>
internal sealed record QuitCommand : HolderCommand;

/// <summary>A line a holder process writes on its standard output.</summary>
internal abstract record HolderMessage;

/// <summary><c>subscribed COUNT</c>: its share of subscribers exists; it waits for <see cref="ConnectCommand"/>.</summary>
internal sealed record SubscribedMessage(int Count) : HolderMessage;

/// <summary><c>connected OPEN FAILED</c>: its sockets are connected (failed: connections given up on).</summary>
internal sealed record ConnectedMessage(int Open, int Failed) : HolderMessage;

/// <summary><c>armed N</c>: every socket watches for round N's alert.</summary>
internal sealed record ArmedMessage(int Round) : HolderMessage;

/// <summary><c>arrived N COUNT</c>: progress, sent while round N runs and the count changes.</summary>
internal sealed record ArrivedMessage(int Round, int Count) : HolderMessage;

/// <summary><c>arrivals N OPEN V1,V2|- G1/G2/… TS TS …</c>: round N's arrival timestamps (Stopwatch ticks), the versions seen, the sockets still open, the arrivals per gateway.</summary>
internal sealed record ArrivalsMessage(int Round, RoundArrivals Arrivals) : HolderMessage;

/// <summary><c>failed REASON</c>: the holder gave up (it exits next).</summary>
internal sealed record FailedMessage(string Reason) : HolderMessage;

/// <summary>
/// The driver–holder protocol: one line per message, space-separated, invariant numbers.
/// Timestamps are raw <see cref="System.Diagnostics.Stopwatch"/> ticks (CLOCK_MONOTONIC on
/// Linux), comparable across the processes of one machine.
/// </summary>
internal static class HolderProtocol
{
    public static string Format(HolderCommand command) => command switch
    {
        ConnectCommand => "connect",
        ArmCommand(var spec) => Invariant($"round {spec.Round} {KindText(spec.Kind)} {spec.CaseId ?? "-"} {spec.AfterVersion}"),
        ReportCommand(var round) => Invariant($"report {round}"),
        QuitCommand => "quit",
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public static HolderCommand ParseCommand(string line)
    {
        var parts = Split(line);
        return parts switch
        {
            ["connect"] => new ConnectCommand(),
            ["round", var n, var kind, var caseId, var after] => new ArmCommand(
                new FanoutRoundSpec(Int(n), caseId == "-" ? null : caseId, Kind(kind), Long(after))),
            ["report", var n] => new ReportCommand(Int(n)),
            ["quit"] => new QuitCommand(),
            _ => throw new FormatException($"Not a holder command: '{Shorten(line)}'."),
        };
    }

    public static string Format(HolderMessage message)
    {
        switch (message)
        {
            case SubscribedMessage(var count):
                return Invariant($"subscribed {count}");
            case ConnectedMessage(var open, var failed):
                return Invariant($"connected {open} {failed}");
            case ArmedMessage(var round):
                return Invariant($"armed {round}");
            case ArrivedMessage(var round, var count):
                return Invariant($"arrived {round} {count}");
            case ArrivalsMessage(var round, var arrivals):
                var line = new StringBuilder(32 + (arrivals.Timestamps.Length * 17));
                line.Append(CultureInfo.InvariantCulture, $"arrivals {round} {arrivals.OpenSockets} ");
                line.Append(arrivals.Versions.Length == 0 ? "-" : string.Join(',', arrivals.Versions.Select(v => v.ToString(CultureInfo.InvariantCulture))));
                line.Append(' ').Append(string.Join('/', arrivals.PerGateway.Select(c => c.ToString(CultureInfo.InvariantCulture))));
                foreach (var timestamp in arrivals.Timestamps)
                {
                    line.Append(' ').Append(timestamp.ToString(CultureInfo.InvariantCulture));
                }

                return line.ToString();
            case FailedMessage(var reason):
                // One line whatever the reason says.
                return "failed " + reason.ReplaceLineEndings(" ");
            default:
                throw new ArgumentOutOfRangeException(nameof(message));
        }
    }

    public static HolderMessage ParseMessage(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith("failed ", StringComparison.Ordinal))
        {
            return new FailedMessage(line["failed ".Length..]);
        }

        var parts = Split(line);
        return parts switch
        {
            ["subscribed", var count] => new SubscribedMessage(Int(count)),
            ["connected", var open, var failed] => new ConnectedMessage(Int(open), Int(failed)),
            ["armed", var n] => new ArmedMessage(Int(n)),
            ["arrived", var n, var count] => new ArrivedMessage(Int(n), Int(count)),
            ["arrivals", var n, var open, var versions, var perGateway, .. var timestamps] => new ArrivalsMessage(Int(n), new RoundArrivals(
                [.. timestamps.Select(Long).Order()],
                versions == "-" ? [] : [.. versions.Split(',').Select(Long)],
                Int(open),
                [.. perGateway.Split('/').Select(Int)])),
            _ => throw new FormatException($"Not a holder message: '{Shorten(line)}'."),
        };
    }

    private static string[] Split(string line) =>
        (line ?? throw new ArgumentNullException(nameof(line))).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string KindText(AlertKind kind) => kind switch
    {
        AlertKind.New => "new",
        AlertKind.Update => "update",
        AlertKind.Cancel => "cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static AlertKind Kind(string text) => text switch
    {
        "new" => AlertKind.New,
        "update" => AlertKind.Update,
        "cancel" => AlertKind.Cancel,
        _ => throw new FormatException($"Not an alert kind: '{text}'."),
    };

    private static int Int(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"Not a count: '{text}'.");

    private static long Long(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"Not a number: '{text}'.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";
}
