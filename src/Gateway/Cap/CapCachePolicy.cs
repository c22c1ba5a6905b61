using Microsoft.AspNetCore.OutputCaching;

namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// Output caching of a partner route keyed by what its content is made of: the version
/// <c>versionOf</c> reads (one cheap grain call) is part of the cache key, so a change is served at
/// once and an unchanged document is never rendered twice. Null from <c>versionOf</c> (an unknown or
/// malformed id) leaves the request to the endpoint, uncached. The expiry bounds what no version
/// counts: a zone's radius grows with time between versions.
/// </summary>
public sealed class CapCachePolicy(Func<HttpContext, ValueTask<string?>> versionOf, TimeSpan expiry) : IOutputCachePolicy
{
    private const string VersionKey = "version";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return;
        }

        // Anonymous routes: the same document for everyone, whatever credentials a caller sends.
        if (await versionOf(context.HttpContext) is not { } version)
        {
            return;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = expiry;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues[VersionKey] = version;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
