using Microsoft.Extensions.Logging;

namespace EarlyWarning.Grains.Partners;

/// <summary>Partner webhook events (1300–1399). Ids only: never a URL's secret parts or a message body.</summary>
internal static partial class PartnerLog
{
    [LoggerMessage(1300, LogLevel.Information, "Partner {PartnerId} accepted {MessageId} (delivery {DeliveryId}) at attempt {Attempt}")]
    public static partial void Delivered(ILogger logger, string partnerId, string messageId, string deliveryId, int attempt);

    [LoggerMessage(1301, LogLevel.Warning, "Partner {PartnerId} did not accept {MessageId} (delivery {DeliveryId}) at attempt {Attempt}: {Status} {Error}")]
    public static partial void Failed(ILogger logger, string partnerId, string messageId, string deliveryId, int attempt, int? status, string? error);

    [LoggerMessage(1302, LogLevel.Warning, "Partner {PartnerId} gave up {MessageId} (delivery {DeliveryId}) after {Attempts} attempts: it expired")]
    public static partial void Expired(ILogger logger, string partnerId, string messageId, string deliveryId, int attempts);

    [LoggerMessage(1303, LogLevel.Warning, "Partner {PartnerId} could not register its outbox reminder; its timer runs meanwhile")]
    public static partial void ReminderNotRegistered(ILogger logger, Exception exception, string partnerId);
}
