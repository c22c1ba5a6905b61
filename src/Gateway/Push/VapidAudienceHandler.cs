using System.Net.Http.Headers;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// RFC 8292 §2: a VAPID token's <c>aud</c> is the push resource's origin. Lib.Net.Http.WebPush
/// 3.3.1 writes <c>scheme://host</c> and drops the port, which only matters for an endpoint on a
/// port other than 443 (an operator's <c>host:port</c> entry): for those this handler signs the
/// token again for the full origin (cached per origin, like the library's).
/// </summary>
internal sealed class VapidAudienceHandler(VapidIdentity identity) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsDefaultPort: false } uri && identity.Authentication is { } vapid
            && request.Headers.Authorization?.Scheme == "vapid")
        {
            var origin = uri.GetLeftPart(UriPartial.Authority);
            request.Headers.Authorization = new AuthenticationHeaderValue("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(origin));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
