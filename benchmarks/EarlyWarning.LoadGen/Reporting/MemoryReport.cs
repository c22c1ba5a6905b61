using System.Globalization;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Reporting;

/// <summary>
/// Memory of the watched processes at each phase of a fan-out (before subscribing, once every
/// subscriber exists, once every socket is connected, after the rounds), to stdout and to a CSV
/// (<c>process,pid,phase,vmrss_mib,vmhwm_mib,open_files</c>); then each gateway's growth per 20 000 idle sockets.
/// </summary>
internal sealed class MemoryReport(string csvPath)
{
    public const int SocketsPerFigure = 20_000;

    private readonly List<(WatchedProcess Process, string Phase, MemoryReading Reading)> _readings = [];

    public string CsvPath { get; } = Path.GetFullPath(csvPath);

    public void Read(IEnumerable<WatchedProcess> processes, string phase)
    {
        ArgumentNullException.ThrowIfNull(processes);
        foreach (var process in processes)
        {
            if (MemoryReading.Of(process.Pid) is { } reading)
            {
                _readings.Add((process, phase, reading));
            }
        }
    }

    /// <summary>
    /// Writes the CSV and prints each process's readings; for each gateway (named <c>gateway-J</c>,
    /// J from 1) the RSS growth between <paramref name="idlePhase"/> (no sockets yet) and <paramref name="connectedPhase"/>
    /// per <see cref="SocketsPerFigure"/> of its <paramref name="socketsPerGateway"/>.
    /// </summary>
    public void Write(string idlePhase, string connectedPhase, IReadOnlyList<int> socketsPerGateway)
    {
        ArgumentNullException.ThrowIfNull(socketsPerGateway);
        Directory.CreateDirectory(Path.GetDirectoryName(CsvPath)!);
        File.WriteAllLines(CsvPath, ["process,pid,phase,vmrss_mib,vmhwm_mib,open_files",
            .. _readings.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Process.Name},{r.Process.Pid},{r.Phase},{r.Reading.RssMiB:0.0},{r.Reading.PeakMiB:0.0},{r.Reading.OpenFiles}"))]);

        Console.WriteLine("memory (MiB, VmRSS / VmHWM, open files):");
        foreach (var group in _readings.GroupBy(r => r.Process))
        {
            var phases = string.Join("; ", group.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Phase} {r.Reading.RssMiB:0} / {r.Reading.PeakMiB:0}, {r.Reading.OpenFiles:N0}")));
            var growth = "";
            if (group.Key.Name.StartsWith("gateway-", StringComparison.Ordinal)
                && int.TryParse(group.Key.Name["gateway-".Length..], CultureInfo.InvariantCulture, out var j)
                && j >= 1 && j <= socketsPerGateway.Count && socketsPerGateway[j - 1] > 0
                && group.FirstOrDefault(r => r.Phase == idlePhase) is { Process: not null } idle
                && group.FirstOrDefault(r => r.Phase == connectedPhase) is { Process: not null } connected)
            {
                var sockets = socketsPerGateway[j - 1];
                var per = (connected.Reading.RssMiB - idle.Reading.RssMiB) * SocketsPerFigure / sockets;
                growth = string.Create(CultureInfo.InvariantCulture, $"  => {sockets:N0} idle sockets: +{connected.Reading.RssMiB - idle.Reading.RssMiB:0} MiB, {per:0} MiB per {SocketsPerFigure:N0}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key.Name,-10} pid {group.Key.Pid,-7} {phases}{growth}"));
        }

        Console.WriteLine($"memory csv: {CsvPath}");
    }
}
