namespace EarlyWarning.Gateway.Push;

/// <summary>Web Push settings (<c>Push:*</c>): the VAPID identity, which push services may be called, and the sending pool.</summary>
public sealed class PushOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Push";

    /// <summary>
    /// The push services of the major browsers: Chrome and most Chromium browsers (FCM), Firefox
    /// (Mozilla autopush), Edge (WNS; endpoints on regional hosts such as
    /// <c>wns2-par02p.notify.windows.com</c>) and Safari (Apple; <c>web.push.apple.com</c>, Apple asks
    /// senders to allow <c>*.push.apple.com</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultAllowedHosts =
    [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "*.notify.windows.com",
        "*.push.apple.com",
    ];

    /// <summary>Off: no subscriptions are taken and nothing is pushed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>VAPID contact (<c>mailto:</c> or <c>https:</c>), sent to push services with every request. Required outside Development.</summary>
    public string? Subject { get; set; }

    /// <summary>VAPID public key: the uncompressed P-256 point, base64url (65 bytes). Required outside Development.</summary>
    public string? PublicKey { get; set; }

    /// <summary>VAPID private key: the P-256 scalar, base64url (32 bytes). Required outside Development.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>In Development without configured keys: where the pair made on first start is kept (relative to the content root).</summary>
    public string DevelopmentKeyFile { get; set; } = "data/vapid.json";

    /// <summary>
    /// Hosts a subscription's endpoint may name, so the gateway cannot be made to call into its
    /// own network. <c>host</c> (port 443 only), <c>*.suffix</c> (any name under it, port 443),
    /// or an exact <c>host:port</c> — the only way to allow an IP address, <c>localhost</c> or another
    /// port. Setting it replaces <see cref="DefaultAllowedHosts"/>.
    /// </summary>
    public string[]? AllowedHosts { get; set; }

    /// <summary>Push messages waiting to be sent, at most; a batch that finds the queue full waits for room.</summary>
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>How long a batch waits for room in a full lane before the rest of its pushes are dropped (counted failed).</summary>
    public TimeSpan EnqueueWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Messages in flight at once (each a request to a push service). Real push services answer in
    /// tens of milliseconds from here, so in-flight requests, not CPU, bound the rate: 64 at ~50 ms
    /// is ~1 300 a second, 512 ~10 000. Workers are async loops and HTTP/2 multiplexes them over
    /// a few connections, so a large pool costs little; on loopback 256 measured as 64.
    /// </summary>
    public int WorkerCount { get; set; } = 512;

    /// <summary>
    /// Subscribers' public keys kept imported (<see cref="SubscriberKeyCache"/>), ~2.3 KB each (the last line of the benchmarks' <c>push-crypto</c>): at
    /// least the push subscribers one alert reaches, so its updates find them all; 0 = off.
    /// </summary>
    public int KeyCacheEntries { get; set; } = 100_000;

    /// <summary>
    /// How long a stopping gateway goes on sending what it queued (its sink no longer takes batches
    /// by then): the silo took each batch as delivered when it was queued here, so a push dropped at
    /// a redeploy reaches nobody. Within the host's shutdown timeout (30 s).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts per message on 429 and 5xx before it is counted failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off after a 5xx or a network failure without <c>Retry-After</c>; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait taken from a <c>Retry-After</c> or a back-off; a push service asking for more is given up on.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an alert is worth delivering after it was issued (the TTL's ceiling; push services keep at most 24 h here).</summary>
    public TimeSpan AlertLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The hosts in force: <see cref="AllowedHosts"/> or the defaults.</summary>
    public IReadOnlyList<string> EffectiveAllowedHosts => AllowedHosts is { Length: > 0 } hosts ? hosts : DefaultAllowedHosts;
}
