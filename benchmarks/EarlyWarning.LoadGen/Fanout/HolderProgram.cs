using System.Globalization;
using System.Net.WebSockets;
using EarlyWarning.LoadGen.Gateway;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// <c>EarlyWarning.LoadGen hold …</c>: one holder process, started by <see cref="HolderAudience"/>.
/// Subscribes its slice <c>[from, to)</c> of the fan-out crowd, connects a socket for each (spread
/// over the gateways as one process would) once the driver says <c>connect</c>, then follows the driver's commands on standard input
/// and answers on standard output (<see cref="HolderProtocol"/>); progress and errors go to standard error.
/// </summary>
internal static class HolderProgram
{
    public const string Command = "hold";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The arguments a holder of slice <c>[from, to)</c> of <paramref name="subscribers"/> is started
    /// with (after <see cref="Command"/>). The holders share <c>--subscribe-parallelism</c>: the
    /// subscriptions in flight at once stay what one process would send (each waits in its map tile).
    /// </summary>
    public static string[] Arguments(LoadTargets targets, LoadPlan plan, int holders, int subscribers, int from, int to) =>
    [
        "--gateway", targets.GatewayArgument,
        "--addresses", Text(targets.Addresses.Count),
        "--subscribers", Text(subscribers),
        "--from", Text(from),
        "--to", Text(to),
        "--subscribe-parallelism", Text(Math.Max(1, plan.SubscribeInFlight / holders)),
        "--timeout", Text((int)Math.Ceiling(plan.RunTimeout.TotalMinutes)),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new HolderOutput(Console.Out);
        try
        {
            var gateways = Value(args, "--gateway").Split(',').Select(u => new Uri(u)).ToArray();
            var targets = LoadTargets.Create(gateways, Int(Value(args, "--addresses")));
            var subscribers = Int(Value(args, "--subscribers"));
            var (from, to) = (Int(Value(args, "--from")), Int(Value(args, "--to")));
            var inFlight = Int(Value(args, "--subscribe-parallelism"));
            using var deadline = RunDeadline.Start(TimeSpan.FromMinutes(Int(Value(args, "--timeout"))));
            var label = string.Create(CultureInfo.InvariantCulture, $"holder [{from}, {to})");
            OpenFileLimit.Require(to - from, label);

            string[] tokens;
            using (var clients = new GatewayClients(targets, inFlight))
            {
                var points = FanoutScenario.Crowd(subscribers)[from..to];
                tokens = await Subscriptions.CreateAsync(clients, points, FanoutScenario.WatchRadiusKm, inFlight, $"{label}: subscribing", deadline.Token);
            }

            output.Write(new SubscribedMessage(tokens.Length));
            // The driver reads the gateways' memory between subscribing and connecting.
            if (await Console.In.ReadLineAsync(deadline.Token) is not { } line || HolderProtocol.ParseCommand(line) is QuitCommand)
            {
                return 0;
            }

            if (HolderProtocol.ParseCommand(line) is not ConnectCommand)
            {
                throw new FormatException($"hold: 'connect' was due, not '{line}'.");
            }

            await using var audience = await LocalAudience.ConnectAsync(targets, tokens, $"{label}: connecting", from, deadline.Token);
            output.Write(new ConnectedMessage(audience.Count, tokens.Length - audience.Count));
            await FollowAsync(audience, output, deadline.Token);
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or HttpRequestException
            or WebSocketException or TimeoutException or OperationCanceledException or IOException)
        {
            Console.Error.WriteLine($"holder: {ex}");
            output.Write(new FailedMessage($"{ex.GetType().Name}: {ex.Message}"));
            return 1;
        }
    }

    /// <summary>Arms rounds and reports them until <c>quit</c> or the end of standard input.</summary>
    private static async Task FollowAsync(LocalAudience audience, HolderOutput output, CancellationToken cancellationToken)
    {
        CancellationTokenSource? progress = null;
        Task reporting = Task.CompletedTask;
        try
        {
            while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
            {
                switch (HolderProtocol.ParseCommand(line))
                {
                    case ArmCommand(var spec):
                        await StopAsync(progress, reporting);
                        await audience.ArmAsync(spec, cancellationToken);
                        output.Write(new ArmedMessage(spec.Round));
                        progress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        reporting = ReportProgressAsync(audience, spec.Round, output, progress.Token);
                        break;
                    case ReportCommand(var round):
                        await StopAsync(progress, reporting);
                        (progress, reporting) = (null, Task.CompletedTask);
                        output.Write(new ArrivalsMessage(round, await audience.CollectAsync(cancellationToken)));
                        break;
                    case QuitCommand:
                        return;
                }
            }
        }
        finally
        {
            await StopAsync(progress, reporting);
        }
    }

    private static async Task StopAsync(CancellationTokenSource? progress, Task reporting)
    {
        if (progress is null)
        {
            return;
        }

        await progress.CancelAsync();
        await reporting;
        progress.Dispose();
    }

    /// <summary>Says how many sockets are done with the round (have its alert, or closed without it), whenever that changes, so the driver knows when the round is complete.</summary>
    private static async Task ReportProgressAsync(LocalAudience audience, int round, HolderOutput output, CancellationToken stop)
    {
        var last = -1;
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var arrived = audience.Settled;
                if (arrived != last)
                {
                    output.Write(new ArrivedMessage(round, arrived));
                    last = arrived;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The round was reported or the holder is stopping.
        }
    }

    private static string Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"hold: {name} is required.");
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Standard output, one whole line at a time from any thread, flushed at once.</summary>
    private sealed class HolderOutput(TextWriter writer)
    {
        private readonly Lock _gate = new();

        public void Write(HolderMessage message)
        {
            var line = HolderProtocol.Format(message);
            lock (_gate)
            {
                writer.Write(line);
                writer.Write('\n');
                writer.Flush();
            }
        }
    }
}
