using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room and the field page in the language each account chose, in a real Chromium
/// (whose own language is English): the choice shows at once, survives a reload, and belongs to
/// the account that made it, not to the next one signing in on the same browser.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BrowserTests.Name)]
public sealed class StaffLanguagePageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task Control_room_switched_to_macedonian_speaks_it_again_after_a_reload_and_only_for_that_account()
    {
        var control = await gateway.SignedInControlRoom("supervisor");
        await Expect(control.Locator("#new-case")).ToHaveTextAsync("Open a case");

        await control.SelectOptionAsync("#app select[data-language]", "mk");
        await SpeaksMacedonian(control);
        await gateway.OpenPublicCase("Ana Stojkovska", "red jacket", (41.9981, 21.4254));
        var listed = control.Locator("#cases li", new() { HasText = "Ana Stojkovska" });
        await Expect(listed.Locator(".level")).ToHaveTextAsync("јавно");

        await control.ReloadAsync();
        await SpeaksMacedonian(control);
        await Expect(listed.Locator(".level")).ToHaveTextAsync("јавно");
        await listed.ClickAsync();
        await Expect(control.Locator("#detail h3").First).ToHaveTextAsync("Забележувања (0 за проверка)");
        await Expect(control.Locator("#detail")).ToContainTextAsync("Хронологија");
        await Expect(control.Locator("#detail button[type=submit]", new() { HasText = "Реши" })).ToBeVisibleAsync();

        // Another account on this browser has not chosen: it gets the browser's English.
        await control.ClickAsync("#logout");
        await Expect(control.Locator("#login h1")).ToHaveTextAsync("EarlyWarning · контролна соба");
        await control.SignIn("operator", "operator-demo");
        await Expect(control.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(control.Locator("#new-case")).ToHaveTextAsync("Open a case");
        await Expect(listed.Locator(".level")).ToHaveTextAsync("public");

        await control.ClickAsync("#logout");
        await control.SignIn("supervisor", "supervisor-demo");
        await SpeaksMacedonian(control);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task Field_page_switched_to_albanian_speaks_it_again_after_a_reload()
    {
        var field = await gateway.NewPage(phone: true);
        await field.GotoAsync("/field");
        await field.SignIn("field2", "field-demo");
        await Expect(field.Locator("#gps")).ToHaveTextAsync("Use GPS");

        await field.SelectOptionAsync("#app select[data-language]", "sq");
        await SpeaksAlbanian(field);

        await field.ReloadAsync();
        await SpeaksAlbanian(field);
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private static async Task SpeaksMacedonian(IPage control)
    {
        await Expect(control.Locator("html")).ToHaveAttributeAsync("lang", "mk");
        await Expect(control.Locator("#new-case")).ToHaveTextAsync("Отвори случај");
        await Expect(control.Locator("#logout")).ToHaveTextAsync("Одјава");
        await Expect(control.Locator("#hub-status")).ToHaveTextAsync("поврзано");
        await Expect(control.Locator("#who")).ToContainTextAsync("супервизор");
        await Expect(control.Locator("#app select[data-language]")).ToHaveValueAsync("mk");
    }

    private static async Task SpeaksAlbanian(IPage field)
    {
        await Expect(field.Locator("html")).ToHaveAttributeAsync("lang", "sq");
        await Expect(field.Locator("#gps")).ToHaveTextAsync("Përdor GPS-in");
        await Expect(field.Locator("#position")).ToHaveTextAsync("I pacaktuar: përdorni GPS-in ose prekni hartën.");
        await Expect(field.Locator("#hub-status")).ToHaveTextAsync("i lidhur");
        await Expect(field.Locator("#alerts")).ToContainTextAsync("Nuk ka njoftime pranë jush.");
        await Expect(field.Locator("#app select[data-language]")).ToHaveValueAsync("sq");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
