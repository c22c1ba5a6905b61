using static Microsoft.Playwright.Assertions;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A field phone handed from one team to the next without signing out (the tab closed): what it
/// kept is the first team's. The next team must see none of it, and get its own alerts: kept, the
/// first team's cards were closed by the next team's first catch-up (a team with no position yet
/// is listed nothing), a version ahead, and that made-up close outranked the team's own alert of
/// the same case — a live case shown as "closed" to the team sent to search.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SharedFieldPhoneTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    /// <param name="kept">False: kept by an older page, which noted no owner.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_team_signing_in_where_another_left_the_page_sees_none_of_its_alerts_and_gets_its_own(bool kept)
    {
        // Teams of their own in each case: the gateway is the class's, and a team keeps its position.
        var (firstTeam, nextTeam) = kept ? ("field1", "field2") : ("field4", "field5");
        var first = await gateway.FieldTeamAt(firstTeam, (42.0010, 21.4100));
        var caseId = await gateway.OpenPublicCase("Elena Ramadani", "Red jacket", (42.0010, 21.4100));
        await Expect(first.Locator($".alert[data-case-id='{caseId}']")).ToContainTextAsync("Elena Ramadani");
        await first.WaitUntilKept("field", caseId);
        if (!kept)
        {
            await first.EvaluateAsync("() => localStorage.removeItem('ew.field.owner')");
        }

        // Same phone (browser context), a new tab: the session ended with the old one, the store did not.
        var next = await first.Context.NewPageAsync();
        await first.CloseAsync();
        await next.GotoAsync("/field");
        await next.SignIn(nextTeam, "field-demo");
        await Expect(next.Locator(".alert")).ToHaveCountAsync(0);

        await next.ClickAsync("#gps");
        await Expect(next.Locator($".alert[data-case-id='{caseId}']")).ToContainTextAsync("Elena Ramadani");
        Assert.Empty(gateway.Errors);
    }
}
