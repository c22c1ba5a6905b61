namespace EarlyWarning.Grains.Partners;

/// <summary>
/// A partner grain's stored state: the registration (null once removed), the outbox of messages
/// not yet accepted, the latest attempts (at most <see cref="PartnerOptions.AttemptsKept"/>), and
/// per case the rank of the last message offered (<see cref="PartnerMessage.Rank"/>).
/// </summary>
[GenerateSerializer, Alias("ew.partner-state")]
public sealed class PartnerState
{
    /// <summary>The partner; null when never registered or removed.</summary>
    [Id(0)] public PartnerRegistration? Registration { get; set; }

    /// <summary>Messages not yet accepted, oldest first.</summary>
    [Id(1)] public List<PendingDelivery> Pending { get; set; } = [];

    /// <summary>The latest attempts, oldest first.</summary>
    [Id(2)] public List<DeliveryAttempt> Attempts { get; set; } = [];

    /// <summary>Per case, the rank of the last message offered.</summary>
    [Id(3)] public Dictionary<string, long> Offered { get; set; } = new(StringComparer.Ordinal);
}
