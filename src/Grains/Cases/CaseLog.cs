using EarlyWarning.Domain.Cases;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Cases;

/// <summary>Case events (1000–1099). Ids only: never a child's name or a reporter contact.</summary>
internal static partial class CaseLog
{
    [LoggerMessage(1000, LogLevel.Information, "Case {CaseId} opened at level {Level}")]
    public static partial void Opened(ILogger logger, string caseId, CaseLevel level);

    [LoggerMessage(1001, LogLevel.Information, "Case {CaseId} stored sighting {SightingId} as {Status}")]
    public static partial void SightingStored(ILogger logger, string caseId, string sightingId, SightingStatus status);

    [LoggerMessage(1003, LogLevel.Information, "Case {CaseId} resolved as {Outcome}")]
    public static partial void Resolved(ILogger logger, string caseId, CaseOutcome outcome);

    [LoggerMessage(1004, LogLevel.Warning, "Case {CaseId} could not register its wake-up reminder; its silo's zone tick grows it while it is activated, and its next activation tries again")]
    public static partial void WakeUpNotRegistered(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1002, LogLevel.Information, "Case {CaseId} pushed zone v{Version} ({RadiusKm:0.###} km) to {Regions} regions: {NewAlerts} new alerts")]
    public static partial void ZonePushed(ILogger logger, string caseId, long version, double radiusKm, int regions, int newAlerts);

    [LoggerMessage(1005, LogLevel.Warning, "Case {CaseId} is resolved but its cancels are not all delivered; its wake-up reminder retries them")]
    public static partial void CancelsPending(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1006, LogLevel.Information, "Case {CaseId} retention erased {Step}")]
    public static partial void RetentionApplied(ILogger logger, string caseId, RetentionStep step);

    [LoggerMessage(1007, LogLevel.Warning, "Case {CaseId} could not register its retention reminder; its next activation tries again")]
    public static partial void RetentionNotRegistered(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1008, LogLevel.Warning, "Case {CaseId} could not reach its dispatch tally; its snapshot shows the figures last read")]
    public static partial void FiguresNotRead(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1009, LogLevel.Warning, "The case directory could not ask case {CaseId} whether it still alerts; the case stays listed active until its wake-up updates the directory")]
    public static partial void NotReconciled(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1010, LogLevel.Warning, "Case {CaseId} could not store its grown zone on deactivation; its next activation goes on from the versions it had reserved")]
    public static partial void GrowthNotStored(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1011, LogLevel.Warning, "Case {CaseId}'s grown zone could not be pushed; the next zone tick tries again")]
    public static partial void GrowthNotPushed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1012, LogLevel.Error, "A zone tick failed; the next one runs as usual")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(1013, LogLevel.Warning, "Case {CaseId}'s zone reached {Countries}, which the case directory could not list yet; the zone's next push tries again")]
    public static partial void CountriesNotListed(ILogger logger, Exception exception, string caseId, string countries);

    // Debug: the silo's ticker grows every active case each tick; at Information a thousand cases
    // wrote a thousand lines every 15 s. A push that alerts anyone new is the case's own (1002).
    [LoggerMessage(1014, LogLevel.Debug, "Case {CaseId}'s zone grew to v{Version} ({RadiusKm:0.###} km) in {Regions} regions")]
    public static partial void ZoneGrown(ILogger logger, string caseId, long version, double radiusKm, int regions);

    [LoggerMessage(1015, LogLevel.Warning, "Case {CaseId} could not delete a photo it replaced; its wake-up tries again, and the purge at the latest")]
    public static partial void ReplacedPhotoNotDeleted(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1016, LogLevel.Warning, "Case {CaseId} finished its resolve but could not note it or drop its wake-up reminder; the next wake-up drops it")]
    public static partial void ResolveTidyFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(1017, LogLevel.Warning, "Case {CaseId} could not store that its growth may go unstored; it does not grow until that is stored (its wake-up tries again)")]
    public static partial void GrowthNotMarked(ILogger logger, Exception exception, string caseId);
}
