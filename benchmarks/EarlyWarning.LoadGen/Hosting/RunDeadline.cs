namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// The whole run's bound: a token cancelled at the deadline or on Ctrl+C, and a watchdog that
/// ends the process if the run has not wound down 30 s after that, so it never hangs.
/// </summary>
internal sealed class RunDeadline : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _cancel = new();
    private readonly Timer _watchdog;

    private RunDeadline(TimeSpan timeout)
    {
        _cancel.CancelAfter(timeout);
        _watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"\nloadgen: still running {Grace.TotalSeconds:0} s past the deadline ({timeout.TotalMinutes:0} min); exiting.");
            Environment.Exit(3);
        }, null, timeout + Grace, Timeout.InfiniteTimeSpan);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _cancel.Token;

    public static RunDeadline Start(TimeSpan timeout) => new(timeout);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _watchdog.Dispose();
        _cancel.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cancel.Cancel();
        _watchdog.Change(Grace, Timeout.InfiniteTimeSpan);
    }
}
