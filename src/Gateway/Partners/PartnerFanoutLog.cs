namespace EarlyWarning.Gateway.Partners;

/// <summary>Partner fan-out events (3000–3099). Ids only.</summary>
internal static partial class PartnerFanoutLog
{
    [LoggerMessage(3000, LogLevel.Information, "Offered {MessageId} to partner {PartnerId}")]
    public static partial void Offered(ILogger logger, string messageId, string partnerId);

    [LoggerMessage(3001, LogLevel.Warning, "Could not offer case {CaseId}'s message to partners; the next sweep tries again")]
    public static partial void OfferFailed(ILogger logger, Exception exception, string caseId);

    [LoggerMessage(3002, LogLevel.Warning, "The partner sweep could not read the case directory")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(3003, LogLevel.Warning, "Could not offer {MessageId} to partner {PartnerId} in time; the next sweep tries again")]
    public static partial void PartnerOfferFailed(ILogger logger, Exception exception, string messageId, string partnerId);
}
