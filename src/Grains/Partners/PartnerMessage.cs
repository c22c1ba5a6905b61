namespace EarlyWarning.Grains.Partners;

/// <summary>
/// One CAP 1.2 message for one partner: <see cref="MessageId"/> is the CAP <c>identifier</c>,
/// <see cref="MsgType"/> its <c>msgType</c> (Alert, Update, Cancel), <see cref="Body"/> the XML
/// as the feed serves it with only the partner's languages' <c>info</c> blocks. Retried until
/// <see cref="Expires"/> (the CAP <c>expires</c>, or the configured maximum age when sooner).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.partner-message")]
public sealed record PartnerMessage(
    string MessageId, string CaseId, long Version, string MsgType, string Body, DateTimeOffset Expires)
{
    /// <summary>
    /// Orders a case's messages: a later version, and within a version Alert, Update, Cancel (a
    /// border crossing or a resolve keeps the version). An offer not above the last one is old news.
    /// </summary>
    public long Rank => (Version * 4) + MsgType switch { "Alert" => 0, "Update" => 1, _ => 2 };
}
