using EarlyWarning.Grains.Partners;

namespace EarlyWarning.Gateway.Partners;

/// <summary>
/// One attempt to deliver a message to a partner: <c>kind</c> is the CAP <c>msgType</c> in lower
/// case (<c>alert</c>, <c>update</c>, <c>cancel</c>); <c>statusCode</c> the partner's answer, or
/// <c>error</c> when none came; <c>nextAttemptAt</c> absent once delivered or given up.
/// </summary>
public sealed record DeliveryView(
    string DeliveryId, string MessageId, string CaseId, string Kind, int Attempt, DateTimeOffset At,
    int? StatusCode, string? Error, DateTimeOffset? NextAttemptAt)
{
    public static DeliveryView From(DeliveryAttempt a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.DeliveryId, a.MessageId, a.CaseId, a.MsgType.ToLowerInvariant(), a.Attempt, a.At, a.StatusCode, a.Error, a.NextAttemptAt);
    }
}
