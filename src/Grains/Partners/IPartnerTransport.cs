namespace EarlyWarning.Grains.Partners;

/// <summary>Sends one signed attempt of a message to a partner (<see cref="HttpPartnerTransport"/>; tests may script one).</summary>
public interface IPartnerTransport
{
    /// <summary>POSTs <paramref name="body"/>; never throws for the partner's failure, which is the answer's <c>Error</c>.</summary>
    Task<PartnerAnswer> Send(PartnerRegistration partner, string deliveryId, string body, DateTimeOffset at, CancellationToken cancellationToken);
}
