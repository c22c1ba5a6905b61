using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// <c>scripts/cluster.sh</c> run as a user runs it, in a folder and on ports of the test's own;
/// disposing it stops the cluster and kills whatever the script's pid files still name.
/// </summary>
public sealed class ClusterScript : IAsyncDisposable
{
    private ClusterScript(string directory, int basePort, int silos, int gateways) =>
        (Directory, BasePort, Silos, Gateways) = (directory, basePort, silos, gateways);

    /// <summary>The script's <c>--dir</c>: secrets, Redis's AOF, logs and pid files.</summary>
    public string Directory { get; }

    public int BasePort { get; }

    public int Silos { get; }

    public int Gateways { get; }

    public int RedisPort => BasePort;

    /// <summary>Gateway <paramref name="number"/> (from 1), as the script prints it.</summary>
    public Uri Gateway(int number) => new($"http://127.0.0.1:{BasePort + 50 + number}/");

    /// <summary>Starts a cluster in a fresh folder, on a free range of ports (tried again elsewhere if one is taken meanwhile, or Redis exits at start).</summary>
    public static async Task<ClusterScript> StartAsync(int silos, int gateways)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ew-cluster-{Guid.NewGuid():N}");
        for (var attempt = 1; ; attempt++)
        {
            var cluster = new ClusterScript(directory, FreeBasePort(), silos, gateways);
            var (exit, output) = await cluster.RunAsync("start", "--silos", $"{silos}", "--gateways", $"{gateways}");
            if (exit == 0)
            {
                return cluster;
            }

            await cluster.DisposeAsync();
            // A redis-server that exits at once lost its port to another process between the
            // script's check and its bind (a fresh-clone run's redis log was empty): new ports too.
            if (attempt == 3 || !(output.Contains("is taken", StringComparison.Ordinal) || output.Contains("redis-server exited", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"cluster.sh start failed ({exit}):\n{output}");
            }
        }
    }

    /// <summary>Runs <c>cluster.sh</c> with this cluster's folder and ports; its exit code and everything it printed.</summary>
    public async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot(),
        };

        // The tests open public cases at once: one supervisor publishes, in every process the script starts.
        start.Environment["Cases__EscalationApprovers"] = "1";
        foreach (var argument in (string[])["scripts/cluster.sh", .. arguments, "--dir", Directory, .. arguments.FirstOrDefault() == "start" ? ["--base-port", $"{BasePort}", "--no-build"] : Array.Empty<string>()])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The pids the script keeps, by process name (redis, silo-1, gateway-1, …).</summary>
    public IReadOnlyDictionary<string, int> Pids()
    {
        var folder = Path.Combine(Directory, "pids");
        return System.IO.Directory.Exists(folder)
            ? System.IO.Directory.GetFiles(folder, "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture))
            : new Dictionary<string, int>();
    }

    /// <summary>Whether a process with this id still runs (a zombie does not count).</summary>
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
    }

    /// <summary>A client of gateway <paramref name="number"/> carrying <paramref name="token"/>, if any.</summary>
    public HttpClient Client(int number, string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gateway(number), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A demo account's token, signed in on gateway <paramref name="number"/>.</summary>
    public async Task<string> SignInAsync(int number, string username, string password)
    {
        using var client = Client(number);
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        var pids = Pids();
        try
        {
            await RunAsync("stop");
        }
        finally
        {
            // Whatever the script could not stop (or a failed test left) goes now.
            foreach (var pid in pids.Values.Where(IsAlive))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // A block of 100 below Linux's ephemeral range (32768 up), so no outgoing connection holds one;
    // the script refuses a taken port and the start is tried again on another block.
    private static int FreeBasePort() => Random.Shared.Next(200, 320) * 100;

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EarlyWarning.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("EarlyWarning.sln not found above the test.");
    }
}
