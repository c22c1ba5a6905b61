using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room's map shows each field team where it last reported; a team silent for an hour
/// is drawn grey (probably no longer there), also on a page left open all shift; a team that signs
/// out leaves the map (it showed where the team was, for good).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FieldTeamMapTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_field_team_silent_for_an_hour_turns_grey_on_a_control_room_left_open()
    {
        var field = await gateway.NewPage(phone: true, position: (41.9900, 21.4300));
        await field.GotoAsync("/field");
        await field.SignIn("field1", "field-demo");
        await field.ClickAsync("#gps");
        await Assertions.Expect(field.Locator("#position")).ToContainTextAsync("41.9900, 21.4300");

        // The control room's clock is the test's: its timers and its "now" move when the test says.
        var control = await gateway.NewPage(phone: false);
        await control.Clock.InstallAsync();
        await control.GotoAsync("/");
        await control.SignIn("supervisor", "supervisor-demo");
        var team = control.Locator("#map path.shape-team");
        await Assertions.Expect(team).ToHaveAttributeAsync("stroke", "#1f618d");

        // Two hours on, the team silent: the minute's look at the teams draws it grey.
        await control.Clock.FastForwardAsync("02:00:00");
        await Assertions.Expect(team).ToHaveAttributeAsync("stroke", "#707b7c");
    }

    [Fact]
    public async Task A_field_team_that_signs_out_leaves_the_control_rooms_map_and_the_teams_list()
    {
        var field = await gateway.NewPage(phone: true, position: (41.9800, 21.4400));
        await field.GotoAsync("/field");
        await field.SignIn("field3", "field-demo");
        await field.ClickAsync("#gps");
        await Assertions.Expect(field.Locator("#position")).ToContainTextAsync("41.9800, 21.4400");
        var control = await gateway.SignedInControlRoom();
        await Assertions.Expect(control.Locator("#map path.shape-team")).Not.ToHaveCountAsync(0);
        var before = await control.Locator("#map path.shape-team").CountAsync();

        await field.ClickAsync("#logout");

        await Assertions.Expect(control.Locator("#map path.shape-team")).ToHaveCountAsync(before - 1);
        using var supervisor = await gateway.StaffClient("supervisor");
        var teams = await supervisor.GetStringAsync("/api/field-teams");
        Assert.DoesNotContain("field3", teams, StringComparison.Ordinal);
        await control.ReloadAsync();
        await Assertions.Expect(control.Locator("#hub-status")).ToHaveTextAsync("live");
        await Assertions.Expect(control.Locator("#map path.shape-team")).ToHaveCountAsync(before - 1);
        Assert.Empty(gateway.Errors);
    }
}
