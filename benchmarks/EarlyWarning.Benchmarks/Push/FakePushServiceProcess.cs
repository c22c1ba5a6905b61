using System.Diagnostics;
using System.Globalization;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>The <see cref="FakePushService"/> in a child process of this benchmark, and a client for its <c>/wait</c>.</summary>
public sealed class FakePushServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client;

    private FakePushServiceProcess(Process process, int port, string thumbprint)
    {
        (_process, Port, Thumbprint) = (process, port, thumbprint);
        _client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == thumbprint },
        })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public int Port { get; }

    public string Thumbprint { get; }

    public static async Task<FakePushServiceProcess> Start()
    {
        var process = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, "push-service")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The push service did not start.");
        var parts = line.Split(' ');
        return new FakePushServiceProcess(process, int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }

    /// <summary>Waits until <paramref name="count"/> pushes are accepted in all; the monotonic time of the latest acceptance and how many were refused.</summary>
    public async Task<(long Accepted, long LastTicks, long Rejected)> WaitFor(long count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var text = await _client.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/wait?count={count}"), cancel.Token);
        var parts = text.Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>CPU time the push service's process has used (its side of TLS and HTTP).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
