using System.Net.Http.Json;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room reads every active case again after each (re)connect and when the page comes
/// back. A case resolved while those reads are on their way stays off the board: the older, active
/// copy the reload gets afterwards put it back, with no later event to take it off again.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class CaseBoardReloadTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_case_resolved_while_the_board_reloads_does_not_come_back()
    {
        var control = await gateway.SignedInControlRoom();
        var caseId = await gateway.OpenPublicCase("Stefan Reload", "brown coat", (41.1172, 20.8019));
        var row = control.Locator($"#cases [data-case-id='{caseId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        // The reload's read of the case is answered by the server at once (active) and reaches the page after the resolve.
        var held = await control.HoldNextAnswer($"/api/cases/{caseId}");
        await control.EvaluateAsync("() => dispatchEvent(new Event('online'))");
        await held.Fetched;

        using (var supervisor = await gateway.StaffClient("supervisor"))
        {
            (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/resolve", new { outcome = "found" })).EnsureSuccessStatusCode();
        }

        await Assertions.Expect(row).ToHaveCountAsync(0);

        // The reload reads the field teams once the board is done: by then the late copy was taken.
        var teamsRead = control.WaitForResponseAsync("**/api/field-teams");
        held.Release();
        await teamsRead;
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty(gateway.Errors);
    }
}
