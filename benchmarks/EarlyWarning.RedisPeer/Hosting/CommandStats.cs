using System.Globalization;
using StackExchange.Redis;

namespace EarlyWarning.RedisPeer.Hosting;

/// <summary>
/// Redis's own account of the time it spent in a command (INFO commandstats), so a note can
/// split a measured time into the server's work and the wire's and client's.
/// </summary>
internal static class CommandStats
{
    public static Task ResetAsync(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.ConfigResetStatisticsAsync();
    }

    /// <summary>Microseconds per call of <paramref name="command"/> (lower case) since the last reset, or NaN if none ran.</summary>
    public static async Task<double> MicrosecondsPerCallAsync(IServer server, string command)
    {
        ArgumentNullException.ThrowIfNull(server);
        var groups = await server.InfoAsync("commandstats");
        var line = groups.SelectMany(g => g).FirstOrDefault(p => p.Key == $"cmdstat_{command}").Value;
        if (line is null)
        {
            return double.NaN;
        }

        // calls=12,usec=3456,usec_per_call=288.00,rejected_calls=0,failed_calls=0
        var field = line.Split(',').First(f => f.StartsWith("usec_per_call=", StringComparison.Ordinal));
        return double.Parse(field["usec_per_call=".Length..], CultureInfo.InvariantCulture);
    }
}
