using System.Globalization;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// The fan-out crowd split over K holder processes (<see cref="HolderProgram"/>), each holding a
/// contiguous slice of the subscribers: one process may open only about 20 000 files here, so
/// 100 000 sockets need several. The driver arms each round in every holder before the request
/// that causes it, and merges their arrival timestamps afterwards.
/// </summary>
internal sealed class HolderAudience : IFanoutAudience
{
    private readonly HolderProcess[] _holders;
    private readonly int[] _arrived;
    private int _round = -1;
    private TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HolderAudience(int count)
    {
        _holders = new HolderProcess[count];
        _arrived = new int[count];
    }

    public int Count { get; private set; }

    public int Arrived
    {
        get
        {
            var sum = 0;
            for (var k = 0; k < _arrived.Length; k++)
            {
                sum += Volatile.Read(ref _arrived[k]);
            }

            return sum;
        }
    }

    public Task Complete => _complete.Task;

    /// <summary>The holders' process ids, for memory readings.</summary>
    public IEnumerable<(string Name, int Pid)> Processes => _holders.Select((h, k) => ($"holder-{k + 1}", h.Pid));

    /// <summary>
    /// Starts <paramref name="holders"/> processes over <paramref name="subscribers"/> and waits
    /// until each has subscribed its slice (then calls <paramref name="onSubscribed"/>) and connected
    /// it. Their logs go beside <paramref name="logPrefix"/>.
    /// </summary>
    public static async Task<HolderAudience> StartAsync(
        LoadTargets targets, LoadPlan plan, int subscribers, int holders, string logPrefix, Action onSubscribed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var audience = new HolderAudience(holders);
        try
        {
            for (var k = 0; k < holders; k++)
            {
                var (from, to) = Slice(subscribers, holders, k);
                var index = k;
                audience._holders[k] = HolderProcess.Start(
                    HolderProgram.Arguments(targets, plan, holders, subscribers, from, to),
                    string.Create(CultureInfo.InvariantCulture, $"{logPrefix}-holder-{k + 1}.log"),
                    m => audience.OnArrived(index, m));
                Console.Error.WriteLine($"fanout: holder {k + 1} (pid {audience._holders[k].Pid}) takes subscribers [{from}, {to}), log {audience._holders[k].LogPath}");
            }

            var subscribed = 0;
            var connected = 0;
            using (ProgressLine.Describe("fanout: holders", () => string.Create(CultureInfo.InvariantCulture,
                $"{Volatile.Read(ref subscribed)}/{holders} subscribed their share, {Volatile.Read(ref connected)}/{holders} connected it")))
            {
                await Task.WhenAll(audience._holders.Select(async h =>
                {
                    await h.NextAsync<SubscribedMessage>(cancellationToken);
                    Interlocked.Increment(ref subscribed);
                }));
                ArgumentNullException.ThrowIfNull(onSubscribed);
                onSubscribed();
                var opened = await Task.WhenAll(audience._holders.Select(async h =>
                {
                    await h.SendAsync(new ConnectCommand());
                    var done = await h.NextAsync<ConnectedMessage>(cancellationToken);
                    Interlocked.Increment(ref connected);
                    return done;
                }));
                audience.Count = opened.Sum(o => o.Open);
                var failed = opened.Sum(o => o.Failed);
                if (failed > 0)
                {
                    Console.Error.WriteLine($"fanout: {failed:N0} connections failed in the holders (see their logs)");
                }
            }

            return audience;
        }
        catch
        {
            await audience.DisposeAsync();
            throw;
        }
    }

    /// <summary>Holder <paramref name="k"/>'s slice <c>[from, to)</c> of <paramref name="subscribers"/>: contiguous, sizes differing by one at most.</summary>
    public static (int From, int To) Slice(int subscribers, int holders, int k) =>
        ((int)((long)subscribers * k / holders), (int)((long)subscribers * (k + 1) / holders));

    public async Task ArmAsync(FanoutRoundSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Array.Clear(_arrived);
        _complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _round, spec.Round);
        await Task.WhenAll(_holders.Select(async h =>
        {
            await h.SendAsync(new ArmCommand(spec));
            var armed = await h.NextAsync<ArmedMessage>(cancellationToken);
            if (armed.Round != spec.Round)
            {
                throw new InvalidOperationException($"Holder pid {h.Pid} armed round {armed.Round}, not {spec.Round}.");
            }
        }));
    }

    public async Task<RoundArrivals> CollectAsync(CancellationToken cancellationToken)
    {
        var round = Volatile.Read(ref _round);
        Volatile.Write(ref _round, -1);
        var parts = await Task.WhenAll(_holders.Select(async h =>
        {
            await h.SendAsync(new ReportCommand(round));
            var answer = await h.NextAsync<ArrivalsMessage>(cancellationToken);
            return answer.Round == round ? answer.Arrivals
                : throw new InvalidOperationException($"Holder pid {h.Pid} reported round {answer.Round}, not {round}.");
        }));
        return new RoundArrivals(
            [.. parts.SelectMany(p => p.Timestamps).Order()],
            [.. parts.SelectMany(p => p.Versions).Distinct().Order()],
            parts.Sum(p => p.OpenSockets),
            [.. Enumerable.Range(0, parts.Max(p => p.PerGateway.Length)).Select(g => parts.Sum(p => g < p.PerGateway.Length ? p.PerGateway[g] : 0))]);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_holders.Where(h => h is not null).Select(h => h.DisposeAsync().AsTask()));
    }

    private void OnArrived(int holder, ArrivedMessage message)
    {
        if (message.Round != Volatile.Read(ref _round))
        {
            return;
        }

        Volatile.Write(ref _arrived[holder], message.Count);
        if (Arrived >= Count)
        {
            _complete.TrySetResult();
        }
    }
}
