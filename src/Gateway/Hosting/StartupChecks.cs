using EarlyWarning.Gateway.Auth;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Builds the singletons that refuse an unsafe configuration (a missing or short signing key
/// outside Development, a configured account with a demo password) while the host starts, so
/// the process fails at once instead of on the first token request.
/// </summary>
public static class StartupChecks
{
    public static WebApplicationBuilder AddEarlyWarningStartupChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<Check>();
        return builder;
    }

    /// <summary>
    /// The host resolves every hosted service before it starts any, so these constructors
    /// (and the silo) never run with a bad configuration.
    /// </summary>
    private sealed class Check : IHostedService
    {
        public Check(SigningKeyProvider keys, AccountStore accounts)
        {
            ArgumentNullException.ThrowIfNull(keys);
            ArgumentNullException.ThrowIfNull(accounts);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
