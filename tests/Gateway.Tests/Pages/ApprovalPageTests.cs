using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room with two supervisors: one asks to publish with the family's consent, the
/// request waits in the other's list, and the other approves it.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Safeguarding")]
public sealed class ApprovalPageTests(SecondApproverBrowserGateway gateway) : IClassFixture<SecondApproverBrowserGateway>
{
    // Typed by a person: it must show as text, never run as markup.
    private const string GivenBy = "Mother <img src=x onerror=alert(1)> Vesna";

    [Fact]
    public async Task A_request_to_publish_waits_in_the_control_room_until_a_second_supervisor_approves_it()
    {
        var requester = await SignedIn("supervisor");
        await requester.ClickAsync("#new-case");
        await requester.FillAsync("#open-form [name=name]", "Dafina Krasniqi");
        await requester.FillAsync("#open-form [name=age]", "11");
        await requester.FillAsync("#open-form [name=description]", "Green hoodie, white trainers");
        await requester.FillAsync("#open-form [name=lat]", "41.1231");
        await requester.FillAsync("#open-form [name=lon]", "20.8016");
        await requester.SelectOptionAsync("#open-form [name=category]", "runaway");
        await requester.ClickAsync("#open-form button[type=submit]");
        await Expect(requester.Locator("#detail h2")).ToContainTextAsync("Dafina Krasniqi");
        await Expect(requester.Locator("#detail h2 .category")).ToHaveTextAsync("runaway");

        await requester.FillAsync("#detail [name=givenBy]", GivenBy);
        await requester.SelectOptionAsync("#detail [name=method]", "phone");
        await requester.ClickAsync("#detail button:has-text('Escalate to public')");

        var own = requester.Locator("#approvals li", new() { HasText = "Dafina Krasniqi" });
        await Expect(own).ToContainTextAsync("Waiting for another supervisor.");
        await Expect(own.Locator("button.approve")).ToHaveCountAsync(0);
        await Expect(requester.Locator("#cases li .level")).ToHaveTextAsync("internal");

        var approver = await SignedIn("supervisor2");
        var waiting = approver.Locator("#approvals li", new() { HasText = "Dafina Krasniqi" });
        await Expect(waiting).ToContainTextAsync("asked by supervisor");
        await Expect(waiting).ToContainTextAsync($"Consent phone from {GivenBy}");
        Assert.Equal(0, await approver.Locator("#approvals img").CountAsync());
        await Screenshots.Save(approver, "approval.png");

        await waiting.Locator("button.approve").ClickAsync();

        await Expect(approver.Locator("#approvals-section")).ToBeHiddenAsync();
        await Expect(approver.Locator("#cases li", new() { HasText = "Dafina Krasniqi" }).Locator(".level")).ToHaveTextAsync("public");
        await Expect(requester.Locator("#cases li", new() { HasText = "Dafina Krasniqi" }).Locator(".level")).ToHaveTextAsync("public");
        await Expect(requester.Locator("#approvals-section")).ToBeHiddenAsync();
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private async Task<IPage> SignedIn(string username)
    {
        var control = await gateway.NewPage(phone: false);
        await control.GotoAsync("/");
        await control.FillAsync("input[name=username]", username);
        await control.FillAsync("input[name=password]", "supervisor-demo");
        await control.ClickAsync("#login-form button[type=submit]");
        await Expect(control.Locator("#hub-status")).ToHaveTextAsync("live");
        return control;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
