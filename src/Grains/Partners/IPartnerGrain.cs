namespace EarlyWarning.Grains.Partners;

/// <summary>
/// One partner (key: its id): its registration and its durable outbox. Each offered CAP message is
/// POSTed to the partner's URL, signed, and retried with a doubling back-off until a 2xx or until it
/// expires; every attempt is kept for supervisors. A reminder wakes the grain after a restart while
/// anything is pending, so a restart loses nothing.
/// </summary>
[Alias("ew.IPartnerGrain")]
public interface IPartnerGrain : IGrainWithStringKey
{
    /// <summary>Stores the partner (the first registration of this id wins; the same again is a no-op).</summary>
    [Alias("register")]
    Task Register(PartnerRegistration registration);

    /// <summary>Forgets the partner, its outbox and its attempts; false when there was none.</summary>
    [Alias("remove")]
    Task<bool> Remove();

    /// <summary>The partner without its secret, or null.</summary>
    [Alias("profile")]
    Task<PartnerProfile?> GetProfile();

    /// <summary>
    /// Queues <paramref name="message"/> unless the partner is unknown or already got this one or a
    /// later one of its case (see <see cref="PartnerMessage.Rank"/>); older messages of the case still
    /// pending are dropped, the newer one says more. True when queued.
    /// </summary>
    [Alias("offer")]
    Task<bool> Offer(PartnerMessage message);

    /// <summary>The latest attempts, newest first; null for an unknown partner.</summary>
    [Alias("deliveries")]
    Task<DeliveryAttempt[]?> GetDeliveries();
}
