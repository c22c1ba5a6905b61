namespace EarlyWarning.Grains.Partners;

/// <summary>
/// One attempt to deliver a message to a partner: the partner's HTTP status, or the error when
/// none came (refused address, timeout, connection failure), and when the next attempt is due
/// (null: delivered, or given up because the message expired). <see cref="DeliveryId"/> is the
/// same for every attempt of one message.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.delivery-attempt")]
public sealed record DeliveryAttempt(
    string DeliveryId, string MessageId, string CaseId, string MsgType, int Attempt, DateTimeOffset At,
    int? StatusCode, string? Error, DateTimeOffset? NextAttemptAt);
