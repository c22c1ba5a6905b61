using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Subscribers;

namespace EarlyWarning.Gateway.Subscribers;

/// <summary>
/// <c>GET /api/field-teams</c>: where each field team last reported itself, and when, so a
/// control room that opens mid-shift draws them before the next <c>fieldTeamMoved</c> (a team
/// whose position predates its report time being kept comes with <c>at</c> null). Operators only.
/// </summary>
public static class FieldTeamEndpoints
{
    public static RouteHandlerBuilder MapFieldTeams(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/field-teams", FieldTeams).WithTags("Subscribers").RequireAuthorization(Policies.ControlRoom);

    private static async Task<FieldTeamView[]> FieldTeams(AccountStore accounts, IGrainFactory grains)
    {
        var teams = await Task.WhenAll(accounts.FieldAccounts.Select(a => LastPosition(grains.GetGrain<ISubscriberGrain>(a.Username), a.Username)));
        return [.. teams.OfType<FieldTeamView>()];
    }

    private static async Task<FieldTeamView?> LastPosition(ISubscriberGrain team, string id)
    {
        if (await team.GetFieldPosition() is { } position)
        {
            return new FieldTeamView(id, position.Lat, position.Lon, position.At);
        }

        // A position stored before its time was kept: drawn, as of a time nobody knows (the page greys it).
        return await team.GetProfile() is { Lat: { } lat, Lon: { } lon } ? new FieldTeamView(id, lat, lon, null) : null;
    }
}
