namespace EarlyWarning.Grains.Partners;

/// <summary>A message in a partner's outbox: its delivery id, how many attempts it has had and when the next is due.</summary>
[GenerateSerializer, Alias("ew.pending-delivery")]
public sealed record PendingDelivery(string DeliveryId, PartnerMessage Message, int Attempts, DateTimeOffset NextAttemptAt);
