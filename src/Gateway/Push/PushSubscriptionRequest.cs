namespace EarlyWarning.Gateway.Push;

/// <summary>
/// <c>PUT /api/subscribers/me/push</c>: what a browser's <c>PushSubscription.toJSON()</c> gives
/// (<c>expirationTime</c> is taken and ignored).
/// </summary>
public sealed record PushSubscriptionRequest(string? Endpoint, PushSubscriptionKeys? Keys, double? ExpirationTime = null);

/// <summary>The subscription's keys, base64url: <c>p256dh</c> (the browser's P-256 public key) and <c>auth</c> (16 bytes).</summary>
public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary><c>GET /api/push/key</c>: the VAPID public key a page passes to <c>pushManager.subscribe</c> as <c>applicationServerKey</c>.</summary>
public sealed record PushKeyView(string PublicKey);
