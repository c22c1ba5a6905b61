using System.Diagnostics;
using System.Threading.Channels;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>
/// The driver's end of one holder process: its commands on the child's standard input, its
/// answers read from its standard output (progress handled as it comes, every other answer
/// queued for <see cref="NextAsync{T}"/>), its standard error copied to a log file.
/// </summary>
internal sealed class HolderProcess : IAsyncDisposable
{
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<HolderMessage> _answers = Channel.CreateUnbounded<HolderMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<ArrivedMessage> _onArrived;
    private readonly Task _reading;
    private readonly Task _logging;

    private HolderProcess(Process process, string logPath, Action<ArrivedMessage> onArrived)
    {
        _process = process;
        _onArrived = onArrived;
        LogPath = logPath;
        _reading = ReadAsync();
        _logging = CopyErrorsAsync(logPath);
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <summary>Starts this very program as <c>hold</c> with <paramref name="arguments"/>.</summary>
    public static HolderProcess Start(IReadOnlyList<string> arguments, string logPath, Action<ArrivedMessage> onArrived)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The load generator's own executable is unknown.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Run as `dotnet EarlyWarning.LoadGen.dll` or as its apphost: the holder runs the same way.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HolderProcess).Assembly.Location);
        }

        start.ArgumentList.Add(HolderProgram.Command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("A holder process did not start.");
        process.StandardInput.AutoFlush = true;
        process.StandardInput.NewLine = "\n";
        return new HolderProcess(process, logPath, onArrived);
    }

    public async Task SendAsync(HolderCommand command)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(HolderProtocol.Format(command));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Holder pid {Pid} is gone (its log: {LogPath}).", ex);
        }
    }

    /// <summary>The next answer, which must be a <typeparamref name="T"/>; a holder's failure or exit throws, naming its log.</summary>
    public async Task<T> NextAsync<T>(CancellationToken cancellationToken)
        where T : HolderMessage
    {
        HolderMessage message;
        try
        {
            message = await _answers.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"Holder pid {Pid} exited{ExitText()} before answering (its log: {LogPath}).");
        }

        return message switch
        {
            T expected => expected,
            FailedMessage(var reason) => throw new InvalidOperationException($"Holder pid {Pid} failed: {reason} (its log: {LogPath})."),
            _ => throw new InvalidOperationException($"Holder pid {Pid} answered {message.GetType().Name} where {typeof(T).Name} was due."),
        };
    }

    /// <summary>Asks the holder to quit; kills it (and anything it started) if it has not exited <see cref="QuitGrace"/> later.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await SendAsync(new QuitCommand());
                _process.StandardInput.Close();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // Already gone.
        }

        using (var grace = new CancellationTokenSource(QuitGrace))
        {
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _reading;
        await _logging;
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                HolderMessage message;
                try
                {
                    message = HolderProtocol.ParseMessage(line);
                }
                catch (FormatException ex)
                {
                    message = new FailedMessage(ex.Message);
                }

                if (message is ArrivedMessage arrived)
                {
                    _onArrived(arrived);
                }
                else
                {
                    _answers.Writer.TryWrite(message);
                }
            }
        }
        finally
        {
            _answers.Writer.TryComplete();
        }
    }

    private async Task CopyErrorsAsync(string logPath)
    {
        await using var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
        {
            await log.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private string ExitText() => _process.HasExited ? $" with code {_process.ExitCode}" : "";
}
