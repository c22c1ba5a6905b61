using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Regions;

/// <summary>Region events (1100–1199). Ids only: never a position.</summary>
internal static partial class RegionLog
{
    [LoggerMessage(1100, LogLevel.Debug, "Region {Tile} sent case {CaseId} v{Version} to {Recipients} subscribers")]
    public static partial void BatchSent(ILogger logger, string tile, string caseId, long version, int recipients);

    [LoggerMessage(1101, LogLevel.Error, "Region {Tile} could not dispatch case {CaseId} v{Version} to {Recipients} subscribers")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string tile, string caseId, long version, int recipients);
}
