using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// <c>GET /api/field-teams</c>: where each field team is now, so a control room that opens
/// mid-shift draws them before the next <c>fieldTeamMoved</c>. Operators only.
/// </summary>
public static class FieldTeamEndpoints
{
    public static RouteHandlerBuilder MapFieldTeams(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/field-teams", FieldTeams).WithTags("Subscribers").RequireAuthorization(Policies.ControlRoom);

    private static async Task<FieldTeamView[]> FieldTeams(AccountStore accounts, IGrainFactory grains)
    {
        var teams = accounts.FieldAccounts.Select(a => a.Username).ToArray();
        var profiles = await Task.WhenAll(teams.Select(id => grains.GetGrain<ISubscriberGrain>(id).GetProfile()));
        return [.. teams.Zip(profiles)
            .Where(t => t.Second is { Lat: not null, Lon: not null })
            .Select(t => new FieldTeamView(t.First, t.Second!.Lat!.Value, t.Second.Lon!.Value))];
    }
}
