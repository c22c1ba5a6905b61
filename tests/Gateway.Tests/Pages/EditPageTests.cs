using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A case corrected in the control room, in Chromium: the alerted phone shows the new description.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Safeguarding")]
public sealed class EditPageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_description_corrected_in_the_control_room_reaches_the_alerted_phone_and_the_timeline_says_edited()
    {
        var berovo = (Lat: 41.7069, Lon: 22.8558);
        var phone = await gateway.SubscribedPhone((41.7072, 22.8560));
        await gateway.OpenPublicCase("Elena Ristova", "Yellow raincoat", berovo);
        var card = phone.Locator(".alert", new() { HasText = "Elena Ristova" });
        await Expect(card).ToContainTextAsync("Yellow raincoat");

        var control = await gateway.SignedInControlRoom();
        await control.Locator("#cases li", new() { HasText = "Elena Ristova" }).ClickAsync();
        await Expect(control.Locator("#detail h2")).ToContainTextAsync("Elena Ristova");
        await control.Locator("#detail .edit-form summary").ClickAsync();
        // What people type is text: markup in a description stays visible characters, never elements.
        await control.Locator("#detail .edit-form textarea[name=description]").FillAsync("Blue raincoat <b>not</b> yellow");
        await control.Locator("#detail .edit-form select[name=category]").SelectOptionAsync("runaway");
        await control.ClickAsync("#detail .edit-form button[type=submit]");

        await Expect(control.Locator("#detail")).ToContainTextAsync("Blue raincoat <b>not</b> yellow");
        await Expect(control.Locator("#detail .category")).ToHaveTextAsync("runaway");
        await Expect(control.Locator("#detail .timeline")).ToContainTextAsync("edited");
        await Expect(card).ToContainTextAsync("Blue raincoat <b>not</b> yellow");
        await Expect(card.Locator("b")).ToHaveCountAsync(0);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
