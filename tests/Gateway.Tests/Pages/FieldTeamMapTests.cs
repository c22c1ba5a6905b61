using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room's map shows each field team where it last reported; a team silent for an hour
/// is drawn grey (probably no longer there), also on a page left open all shift.
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
}
