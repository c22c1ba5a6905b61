using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// Everything one region has to say about one case version: the case-level fields once, then the
/// recipients. Gateways turn it into one <c>alert</c> message per recipient.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The case version the alerts describe.</param>
/// <param name="Level">Internal or public.</param>
/// <param name="IssuedAt">When the case computed the zone; dispatch latency is measured from here.</param>
/// <param name="Child">The child; null on a cancel, which carries no personal data.</param>
/// <param name="Anchors">The zone's live circles, from which gateways draw its geometry.</param>
/// <param name="Recipients">Who gets what.</param>
/// <param name="Exercise">The case is a drill: every message says so.</param>
[GenerateSerializer, Immutable, Alias("ew.alert-batch")]
public sealed record AlertBatch(
    string CaseId,
    long Version,
    CaseLevel Level,
    DateTimeOffset IssuedAt,
    ChildProfile? Child,
    AnchorCircle[] Anchors,
    AlertRecipient[] Recipients,
    bool Exercise = false)
{
    /// <summary>
    /// This batch in parts of at most <paramref name="maxRecipients"/> recipients each, in order;
    /// itself when it is no larger. Every part carries the case-level fields.
    /// </summary>
    public AlertBatch[] Split(int maxRecipients)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecipients, 1);
        return Recipients.Length <= maxRecipients ? [this] : [.. Recipients.Chunk(maxRecipients).Select(part => this with { Recipients = part })];
    }
}
