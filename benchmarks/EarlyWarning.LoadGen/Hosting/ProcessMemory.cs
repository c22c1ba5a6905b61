using System.Globalization;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>A process the run reads the memory of: a gateway, a silo, Redis, a holder.</summary>
internal sealed record WatchedProcess(string Name, int Pid);

/// <summary>A process's resident memory now (<c>VmRSS</c>) and at its peak (<c>VmHWM</c>), in MiB, and its open files.</summary>
internal readonly record struct MemoryReading(double RssMiB, double PeakMiB, int OpenFiles)
{
    /// <summary>Reads <c>/proc/PID/status</c>; null when the process is gone or the file cannot be read.</summary>
    public static MemoryReading? Of(int pid)
    {
        try
        {
            double? rss = null;
            double? peak = null;
            foreach (var line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kib(line);
                }
            }

            var files = Directory.EnumerateFileSystemEntries(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/fd")).Count();
            return rss is { } r && peak is { } p ? new MemoryReading(r / 1024, p / 1024, files) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
