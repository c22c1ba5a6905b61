namespace EarlyWarning.Gateway.Demo;

/// <summary>Demo events (2800–2899).</summary>
internal static partial class DemoLog
{
    [LoggerMessage(2800, LogLevel.Information, "Demo: seeded {Count} public subscribers across North Macedonia")]
    public static partial void Seeded(ILogger logger, int count);

    [LoggerMessage(2801, LogLevel.Information, "Demo: opened public case {CaseId} in Skopje; {Alerted} subscribers alerted")]
    public static partial void CaseOpened(ILogger logger, string caseId, long alerted);

    [LoggerMessage(2802, LogLevel.Information, "Demo: step {Step}/{Steps}, verified sighting {SightingId} west of Skopje")]
    public static partial void Step(ILogger logger, int step, int steps, string sightingId);
}
