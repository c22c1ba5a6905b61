using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room's map shows each field team where it last reported; a team silent for an hour
/// is drawn grey (probably no longer there), also on a page left open all shift; a team whose
/// subscription is deleted leaves the map (it showed where the team was, for good).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FieldTeamMapTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_field_team_silent_for_an_hour_turns_grey_on_a_control_room_left_open()
    {
        await gateway.FieldTeamAt("field1", (41.9900, 21.4300));

        // The control room's clock is the test's: its timers and its "now" move when the test says.
        var control = await gateway.NewPage(phone: false);
        await control.Clock.InstallAsync();
        await control.GotoAsync("/");
        await control.SignIn("supervisor", "supervisor-demo");
        // Any team: each was drawn fresh, and two hours on each is grey (other tests' teams too).
        var team = control.Locator("#map path.shape-team").First;
        await Assertions.Expect(team).ToHaveAttributeAsync("stroke", "#1f618d");

        // Two hours on, the team silent: the minute's look at the teams draws it grey.
        await control.Clock.FastForwardAsync("02:00:00");
        await Assertions.Expect(team).ToHaveAttributeAsync("stroke", "#707b7c");
    }

    [Fact]
    public async Task A_field_team_whose_subscription_is_deleted_leaves_the_control_rooms_map_and_the_teams_list()
    {
        await gateway.FieldTeamAt("field3", (41.9800, 21.4400));
        var control = await gateway.SignedInControlRoom();
        await Assertions.Expect(control.Locator("#map path.shape-team")).Not.ToHaveCountAsync(0);
        var before = await control.Locator("#map path.shape-team").CountAsync();

        using (var team = await gateway.StaffClient("field3", "field-demo"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await team.DeleteAsync("/api/subscribers/me")).StatusCode);
        }

        await Assertions.Expect(control.Locator("#map path.shape-team")).ToHaveCountAsync(before - 1);
        using var supervisor = await gateway.StaffClient("supervisor");
        var teams = await supervisor.GetStringAsync("/api/field-teams");
        Assert.DoesNotContain("field3", teams, StringComparison.Ordinal);
        await control.ReloadAsync();
        await Assertions.Expect(control.Locator("#hub-status")).ToHaveTextAsync("live");
        await Assertions.Expect(control.Locator("#map path.shape-team")).ToHaveCountAsync(before - 1);
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_team_that_reports_while_the_board_rereads_the_teams_stays_on_the_map()
    {
        var control = await gateway.SignedInControlRoom();
        var teams = control.Locator("#map path.shape-team");
        var before = await teams.CountAsync();

        // The board's read of the teams is answered at once (field2 not among them) and reaches the page after field2's first report.
        var held = await control.HoldNextAnswer("/api/field-teams");
        await control.EvaluateAsync("() => dispatchEvent(new Event('online'))");
        await held.Fetched;
        using (var team = await gateway.StaffClient("field2", "field-demo"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await team.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.9700, lon = 21.4500 })).StatusCode);
        }

        await Assertions.Expect(teams).ToHaveCountAsync(before + 1);
        held.Release();
        await held.Reached;
        // The page applies the list after its response arrived: give it that moment.
        await control.WaitForTimeoutAsync(1500);
        await Assertions.Expect(teams).ToHaveCountAsync(before + 1);
        Assert.Empty(gateway.Errors);
    }

    [Fact]
    public async Task A_team_member_signing_out_of_the_field_page_leaves_the_team_on_the_map_for_its_other_phones()
    {
        var field = await gateway.FieldTeamAt("field4", (41.9600, 21.4600));
        await field.ClickAsync("#logout");
        await Assertions.Expect(field.Locator("#login-form")).ToBeVisibleAsync();

        using var supervisor = await gateway.StaffClient("supervisor");
        Assert.Contains("field4", await supervisor.GetStringAsync("/api/field-teams"), StringComparison.Ordinal);
    }
}
