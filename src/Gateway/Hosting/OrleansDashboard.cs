using EarlyWarning.Gateway.Auth;
using Orleans.Dashboard;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls, reminders) at <c>/dashboard</c>, for supervisors
/// only. The silos collect its figures (<c>AddDashboard</c> on every silo); the gateway serves
/// the page and its API behind the same bearer validation as the rest of the API, so no silo
/// needs a web port of its own. <c>Dashboard:Enabled=false</c> leaves it out (and its per-call profiler).
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/dashboard";

    /// <summary>Whether the dashboard is on (default yes).</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Dashboard:Enabled", true);

    /// <summary>What the dashboard shows: no live log stream (logs may name cases and accounts).</summary>
    public static void Configure(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.HideTrace = true;
    }

    public static WebApplication MapEarlyWarningDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(Path).RequireAuthorization(Policies.Supervisor).ExcludeFromDescription();
        }

        return app;
    }
}
