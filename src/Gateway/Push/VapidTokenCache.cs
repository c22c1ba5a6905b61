using System.Collections.Concurrent;
using Lib.Net.Http.WebPush.Authentication;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// Keeps each push service's VAPID token (one per audience) until an hour before it expires, so
/// 100 000 messages to one service cost one ES256 signature, not 100 000.
/// </summary>
internal sealed class VapidTokenCache : IVapidTokenCache
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expiration, string Token)> _tokens = new(StringComparer.Ordinal);

    public void Put(string audience, DateTimeOffset expiration, string token) => _tokens[audience] = (expiration, token);

    public string? Get(string audience) =>
        _tokens.TryGetValue(audience, out var entry) && entry.Expiration - RenewBefore > DateTimeOffset.UtcNow ? entry.Token : null;
}
