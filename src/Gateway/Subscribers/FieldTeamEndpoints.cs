using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// <c>GET /api/field-teams</c>: where each field team last reported itself, and when, so a
/// control room that opens mid-shift draws them before the next <c>fieldTeamMoved</c> (a team
/// whose position predates its report time being kept is left out until it moves). Operators only.
/// </summary>
public static class FieldTeamEndpoints
{
    public static RouteHandlerBuilder MapFieldTeams(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/field-teams", FieldTeams).WithTags("Subscribers").RequireAuthorization(Policies.ControlRoom);

    private static async Task<FieldTeamView[]> FieldTeams(AccountStore accounts, IGrainFactory grains)
    {
        var positions = await Task.WhenAll(accounts.FieldAccounts.Select(a => grains.GetGrain<ISubscriberGrain>(a.Username).GetFieldPosition()));
        return [.. positions.OfType<FieldTeamPosition>().Select(p => new FieldTeamView(p.SubscriberId, p.Lat, p.Lon, p.At))];
    }
}
