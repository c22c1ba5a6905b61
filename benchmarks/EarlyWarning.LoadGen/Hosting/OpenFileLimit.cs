using System.Globalization;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// The soft <c>RLIMIT_NOFILE</c> of this process (from <c>/proc/self/limits</c>). Every socket is a
/// file on both sides, and the gateway runs under the same limit as the script that starts both.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>Files kept back for everything that is not a hub socket (HTTP pools, assemblies, the silo).</summary>
    public const int Reserve = 512;

    public static long? Current()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            return soft is null || soft == "unlimited" ? null : long.Parse(soft, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Throws, naming the limit, when <paramref name="sockets"/> cannot be open at once.</summary>
    public static void Require(int sockets, string scenario)
    {
        if (Current() is { } limit && sockets + Reserve > limit)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{scenario} needs {sockets:N0} sockets open at once, but this process may open {limit:N0} files (ulimit -n; the gateway has the same). " +
                $"Raise the hard limit (root: ulimit -Hn) or pass --subscribers {Math.Max(0, limit - Reserve):D}."));
        }
    }
}
