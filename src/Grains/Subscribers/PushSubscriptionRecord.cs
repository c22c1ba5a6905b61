namespace EarlyWarning.Grains.Subscribers;

/// <summary>
/// A browser's Web Push subscription (RFC 8030 / 8291) as the gateway checked it: the push
/// service's endpoint URL and the subscription's keys, base64url (p256dh: the browser's P-256
/// public key, 65 bytes uncompressed; auth: its 16-byte secret). <c>AccountStamp</c>: a field
/// team's, the stamp of the account that put it (null for the public): once the account is removed
/// or changed (password, role) the gateway sends it nothing more and forgets it, as it refuses the
/// account's tokens.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.push-subscription")]
public sealed record PushSubscriptionRecord(string Endpoint, string P256dh, string Auth, string? AccountStamp = null);
