using System.Buffers.Text;
using System.Security.Cryptography;
using EarlyWarning.Gateway.Push;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>The imported subscriber keys: kept by their text, bounded, oldest out first, bad keys refused.</summary>
[Trait("Category", "Push")]
public sealed class SubscriberKeyCacheTests
{
    [Fact]
    public void A_key_seen_before_is_not_imported_again()
    {
        var cache = new SubscriberKeyCache(Options.Create(new PushOptions { KeyCacheEntries = 10 }));
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        var text = Base64Url.EncodeToString(subscription.PublicKey);

        var first = cache.Get(text);
        var second = cache.Get(text);

        Assert.Same(first, second);
        Assert.Equal(subscription.PublicKey, first.Point);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_cache_holds_at_most_its_bound_and_forgets_the_oldest_key_first()
    {
        var cache = new SubscriberKeyCache(Options.Create(new PushOptions { KeyCacheEntries = 3 }));
        var texts = Enumerable.Range(0, 5).Select(_ => Base64Url.EncodeToString(NewPoint())).ToArray();
        var imported = texts.Select(cache.Get).ToArray();

        Assert.Equal(3, cache.Count);
        Assert.NotSame(imported[0], cache.Get(texts[0])); // forgotten, imported again
        Assert.Same(imported[4], cache.Get(texts[4]));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void With_no_room_configured_nothing_is_kept_and_encryption_still_works()
    {
        var cache = new SubscriberKeyCache(Options.Create(new PushOptions { KeyCacheEntries = 0 }));
        using var subscription = new TestPushSubscription("https://push.example.invalid/p");
        var text = Base64Url.EncodeToString(subscription.PublicKey);

        var body = WebPushEncryption.Encrypt("kept nowhere"u8, cache.Get(text), subscription.Auth);

        Assert.Equal(0, cache.Count);
        Assert.Equal("kept nowhere", WebPushDecryption.DecryptText(body, subscription));
    }

    [Fact]
    public void A_key_off_the_curve_is_refused_and_not_kept()
    {
        var cache = new SubscriberKeyCache(Options.Create(new PushOptions()));
        var point = NewPoint();
        point[64] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => cache.Get(Base64Url.EncodeToString(point)));
        Assert.ThrowsAny<CryptographicException>(() => cache.Get("not base64url!"));
        Assert.Equal(0, cache.Count);
    }

    private static byte[] NewPoint()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }
}
