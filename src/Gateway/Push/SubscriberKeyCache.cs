using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The subscribers' <c>p256dh</c> keys as imported, by their text, so a subscriber's second push
/// (the <c>update</c> after the <c>new</c>) does not pay for the import's point check again (about
/// a quarter of a message's encryption). Keyed by the key itself, not by the subscriber: a changed
/// or deleted subscription cannot find a stale entry (the subscription is read from its grain for
/// every push), and an entry says nothing but what the text already says. At most
/// <see cref="PushOptions.KeyCacheEntries"/> keys, the oldest forgotten first (~2.3 KB each, most
/// of it OpenSSL's); 0 turns it off. The ephemeral key pair of each message is never cached.
/// </summary>
public sealed class SubscriberKeyCache
{
    private readonly ConcurrentDictionary<string, SubscriberKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly int _capacity;
    private int _count;

    public SubscriberKeyCache(IOptions<PushOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = Math.Max(0, options.Value.KeyCacheEntries);
    }

    /// <summary>Keys held now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The imported key for <paramref name="p256dh"/> (base64url).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Not base64url of a P-256 point.</exception>
    public SubscriberKey Get(string p256dh)
    {
        ArgumentNullException.ThrowIfNull(p256dh);
        if (_keys.TryGetValue(p256dh, out var cached))
        {
            return cached;
        }

        var key = SubscriberKey.Import(PushKeyText.Decode(p256dh));
        if (_capacity > 0 && _keys.TryAdd(p256dh, key))
        {
            _order.Enqueue(p256dh);
            if (Interlocked.Increment(ref _count) > _capacity && _order.TryDequeue(out var oldest) && _keys.TryRemove(oldest, out _))
            {
                // Not disposed: a worker may be using it; its handle is released when it is collected.
                Interlocked.Decrement(ref _count);
            }
        }

        return key;
    }
}
