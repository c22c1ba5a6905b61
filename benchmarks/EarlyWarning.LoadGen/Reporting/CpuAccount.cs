using System.Diagnostics;
using System.Globalization;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Reporting;

/// <summary>
/// The CPU time the watched processes spent over one round, summed by kind (gateway, silo, redis,
/// holder): with every process on the same cores, their sum over the machine's core count is the
/// least time the round could have taken here, whatever the design, so a round's figure can be read
/// against it.
/// </summary>
internal sealed class CpuAccount
{
    private readonly Dictionary<WatchedProcess, TimeSpan> _before;

    private CpuAccount(Dictionary<WatchedProcess, TimeSpan> before) => _before = before;

    public static CpuAccount Start(IEnumerable<WatchedProcess> processes) =>
        new(processes.Select(p => (p, Used: Used(p.Pid))).Where(p => p.Used is not null).ToDictionary(p => p.p, p => p.Used!.Value));

    /// <summary>"CPU 11.2 s over 2 cores (gateway 6.1, holder 4.2, silo 0.4, redis 0.5)", or null when nothing is watched.</summary>
    public string? Describe()
    {
        var spent = _before
            .Select(p => (Kind: Kind(p.Key.Name), Seconds: Used(p.Key.Pid) is { } now ? (now - p.Value).TotalSeconds : 0))
            .GroupBy(p => p.Kind, p => p.Seconds)
            .Select(g => (Kind: g.Key, Seconds: g.Sum()))
            .OrderByDescending(g => g.Seconds)
            .ToList();
        if (spent.Count == 0)
        {
            return null;
        }

        var total = spent.Sum(s => s.Seconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU {total:0.0} s over {Environment.ProcessorCount} cores ({string.Join(", ", spent.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Kind} {s.Seconds:0.0}")))})");
    }

    // gateway-3 → gateway; a name without a number stays whole.
    private static string Kind(string name)
    {
        var dash = name.LastIndexOf('-');
        return dash > 0 && int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? name[..dash] : name;
    }

    private static TimeSpan? Used(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
