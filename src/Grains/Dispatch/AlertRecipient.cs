using EarlyWarning.Domain.Alerts;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>One subscriber in a batch: which alert it gets, in which language, and how far it is from the zone (km).</summary>
[GenerateSerializer, Immutable, Alias("ew.alert-recipient")]
public sealed record AlertRecipient(string SubscriberId, AlertKind Kind, string Language, double DistanceKm);
