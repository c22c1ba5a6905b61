namespace EarlyWarning.Gateway.Outages;

/// <summary>Cluster availability events (2600–2699).</summary>
internal static partial class OutageLog
{
    [LoggerMessage(2600, LogLevel.Warning, "The cluster is unavailable: {Reason} Requests that need it get 503 until it answers again.")]
    public static partial void Lost(ILogger logger, string reason);

    [LoggerMessage(2601, LogLevel.Warning, "The cluster answers again after {Seconds:0.0} s")]
    public static partial void Recovered(ILogger logger, double seconds);

    [LoggerMessage(2603, LogLevel.Warning, "Closed {Connections} hub connections after the outage: their clients reconnect and catch up")]
    public static partial void HubConnectionsClosed(ILogger logger, int connections);

    [LoggerMessage(2602, LogLevel.Debug, "A request failed with the cluster unavailable ({Outcome})")]
    public static partial void RequestFailed(ILogger logger, OutageOutcome outcome, Exception exception);

    [LoggerMessage(2605, LogLevel.Information, "{What} did not answer within {TimeoutMs:0} ms, but this gateway's thread pool was {BehindMs:0} ms behind: not counted against the cluster")]
    public static partial void ProbeInconclusive(ILogger logger, string what, double timeoutMs, double behindMs);

    [LoggerMessage(2604, LogLevel.Warning, "A silo's connection closed ({Connected} still connected): requests on their way get a short grace, then an answer")]
    public static partial void SiloLeft(ILogger logger, int connected);
}
