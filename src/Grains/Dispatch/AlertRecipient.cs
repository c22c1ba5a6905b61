using EarlyWarning.Domain.Alerts;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// One subscriber in a batch: which alert it gets, in which language, and how far it is from the
/// zone (km). <c>Push</c>: it has a Web Push subscription, so the gateway also sends it there
/// (its tile knows, so no one asks each subscriber's grain while a batch goes out).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.alert-recipient")]
public sealed record AlertRecipient(string SubscriberId, AlertKind Kind, string Language, double DistanceKm, bool Push = false);
