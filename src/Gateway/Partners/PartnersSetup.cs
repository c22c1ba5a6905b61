using EarlyWarning.Grains.Partners;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EarlyWarning.Gateway.Partners;

public static class PartnersSetup
{
    /// <summary>Partner webhooks: the options the routes validate with (also bound by the silo) and the fan-out of CAP messages.</summary>
    public static WebApplicationBuilder AddEarlyWarningPartners(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PartnerOptions>().BindConfiguration(PartnerOptions.Section);
        builder.Services.AddOptions<PartnerFanoutOptions>().BindConfiguration(PartnerFanoutOptions.Section)
            .Validate(o => o.SweepPeriod >= TimeSpan.FromSeconds(1), "Partners:SweepPeriod must be at least 1 s.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PartnerBaseUrl>();
        builder.Services.AddSingleton<PartnerFanout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PartnerFanout>());
        return builder;
    }
}
