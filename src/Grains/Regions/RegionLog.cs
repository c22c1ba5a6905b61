using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Regions;

/// <summary>Region events (1100–1199). Ids only: never a position.</summary>
internal static partial class RegionLog
{
    [LoggerMessage(1100, LogLevel.Debug, "Region {Tile} sent case {CaseId} v{Version} to {Recipients} subscribers")]
    public static partial void BatchSent(ILogger logger, string tile, string caseId, long version, int recipients);

    [LoggerMessage(1101, LogLevel.Error, "Region {Tile} could not dispatch case {CaseId} v{Version} to {Recipients} subscribers")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string tile, string caseId, long version, int recipients);

    [LoggerMessage(1102, LogLevel.Warning, "Case {CaseId} did not say whether it still alerts; its zone alerts no newcomer here until it does")]
    public static partial void CaseNotAsked(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1103, LogLevel.Warning, "Region {Tile} could not register with its directory shard on activation; its next placement registers it")]
    public static partial void NotRegistered(ILogger logger, Exception exception, string tile);

    [LoggerMessage(1104, LogLevel.Warning, "Region {Tile} could not tell the tally of case {CaseId} whom v{Version} alerted; the alerts still go out")]
    public static partial void AlertedNotCounted(ILogger logger, Exception exception, string tile, string caseId, long version);

    [LoggerMessage(1105, LogLevel.Warning, "Region {Tile} could not store its subscribers' moves; it tries again after the flush delay")]
    public static partial void MovesNotStored(ILogger logger, Exception exception, string tile);
}
