using EarlyWarning.Gateway.Pages;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Partners;

/// <summary>
/// The base of the absolute URLs a webhook's CAP message carries (<c>web</c>, a photo's <c>uri</c>),
/// which no request names: <see cref="PageOptions.PublicBaseUrl"/>, else the gateway's first
/// listening address (set <c>Pages:PublicBaseUrl</c> where partners must see the public name).
/// </summary>
public sealed class PartnerBaseUrl(IOptions<PageOptions> pages, IServer server)
{
    public string Value
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(pages.Value.PublicBaseUrl))
            {
                return pages.Value.PublicBaseUrl.Trim().TrimEnd('/');
            }

            var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return string.IsNullOrEmpty(first) ? "http://localhost" : first.TrimEnd('/');
        }
    }
}
