using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Hosting;

/// <summary>Storage and hosting events (1400–1499).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1400, LogLevel.Warning, "The SQLite log of {Path} could not be checkpointed; it keeps every commit, and the next period tries again")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string path);
}
