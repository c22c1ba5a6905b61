using System.Diagnostics;
using System.Globalization;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// What Redis has handled so far, from <c>INFO</c>: <c>PUBLISH</c> commands (the SignalR backplane
/// publishes every group send: one per alert) and bytes in and out. Read with <c>redis-cli</c>
/// on 127.0.0.1, its password from <c>REDISCLI_AUTH</c> (benchmarks/loadgen.sh sets it).
/// </summary>
internal sealed record RedisStats(long Publishes, long BytesIn, long BytesOut, long Channels)
{
    /// <summary>The counters now; null (and a line on stderr, once) when Redis cannot be read.</summary>
    public static async Task<RedisStats?> ReadAsync(int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("redis-cli")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--no-auth-warning", "INFO", "all" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var text = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return Parse(text);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Console.Error.WriteLine($"loadgen: redis-cli not run ({ex.Message}): no Redis counters");
            return null;
        }
    }

    /// <summary>Reads <c>INFO all</c>'s text; null when it has none of the counters (an error, an unknown password).</summary>
    public static RedisStats? Parse(string info)
    {
        ArgumentNullException.ThrowIfNull(info);
        long? publishes = null;
        long? bytesIn = null;
        long? bytesOut = null;
        long channels = 0;
        foreach (var raw in info.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("cmdstat_publish:calls=", StringComparison.Ordinal))
            {
                publishes = long.Parse(line["cmdstat_publish:calls=".Length..].Split(',')[0], CultureInfo.InvariantCulture);
            }
            else if (Field(line, "total_net_input_bytes") is { } i)
            {
                bytesIn = i;
            }
            else if (Field(line, "total_net_output_bytes") is { } o)
            {
                bytesOut = o;
            }
            else if (Field(line, "pubsub_channels") is { } c)
            {
                channels = c;
            }
        }

        // No PUBLISH yet leaves no cmdstat_publish line.
        return bytesIn is { } inBytes && bytesOut is { } outBytes ? new RedisStats(publishes ?? 0, inBytes, outBytes, channels) : null;
    }

    /// <summary>The counts since <paramref name="earlier"/>; <see cref="Channels"/> stays this reading's.</summary>
    public RedisStats Since(RedisStats earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new RedisStats(Publishes - earlier.Publishes, BytesIn - earlier.BytesIn, BytesOut - earlier.BytesOut, Channels);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Redis {Publishes:N0} PUBLISH, {BytesIn / 1048576.0:0.0} MiB in, {BytesOut / 1048576.0:0.0} MiB out, {Channels:N0} channels");

    /// <summary>As <see cref="ToString"/>, with the channels subscribed when the round began (<paramref name="before"/>): fewer means some groups were not yet subscribed.</summary>
    public string Describe(RedisStats before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return before.Channels == Channels ? ToString()
            : string.Create(CultureInfo.InvariantCulture,
                $"Redis {Publishes:N0} PUBLISH, {BytesIn / 1048576.0:0.0} MiB in, {BytesOut / 1048576.0:0.0} MiB out, {before.Channels:N0} -> {Channels:N0} channels");
    }

    private static long? Field(string line, string name) =>
        line.StartsWith(name + ":", StringComparison.Ordinal) ? long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture) : null;
}
