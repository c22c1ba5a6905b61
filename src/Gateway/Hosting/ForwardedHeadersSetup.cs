using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, honoured only from the proxies that
/// <see cref="ForwardedHeadersSetupOptions"/> names. With none named the headers are ignored:
/// ASP.NET Core's own defaults trust loopback, and with both lists empty it trusts everyone.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddEarlyWarningForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSetupOptions>().BindConfiguration(ForwardedHeadersSetupOptions.Section)
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be CIDR ranges (e.g. 10.0.0.0/8).")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // PostConfigure, so it also overrides ASPNETCORE_FORWARDEDHEADERS_ENABLED's trust-everyone setup.
        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<ForwardedHeadersSetupOptions>>((o, setup) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in setup.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in setup.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            o.ForwardedHeaders = setup.Value.IsEnabled ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            o.ForwardLimit = setup.Value.ForwardLimit;
        });
        return builder;
    }
}
