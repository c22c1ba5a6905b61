using EarlyWarning.Gateway.Tests.Photos;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>A photo uploaded in the control room, in Chromium: shown there and on the phone already alerted.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Safeguarding")]
public sealed class PhotoPageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task A_photo_uploaded_in_the_control_room_is_shown_there_and_on_the_alerted_phone_within_the_pages_policy()
    {
        var struga = (Lat: 41.1775, Lon: 20.6789);
        var phone = await gateway.SubscribedPhone((41.1780, 20.6800));
        await gateway.OpenPublicCase("Mila Stojanova", "Green scarf, grey trainers", struga);
        var card = phone.Locator(".alert", new() { HasText = "Mila Stojanova" });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("img")).ToHaveCountAsync(0);

        var control = await gateway.SignedInControlRoom();
        await control.Locator("#cases li", new() { HasText = "Mila Stojanova" }).ClickAsync();
        await Expect(control.Locator("#detail h2")).ToContainTextAsync("Mila Stojanova");
        await control.Locator("#detail input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "mila.jpg",
            MimeType = "image/jpeg",
            Buffer = TestImages.JpegWithGps(),
        });
        await control.ClickAsync("#detail .photo-upload button[type=submit]");

        var shown = control.Locator("#detail img.child-photo");
        await Expect(shown).ToBeVisibleAsync();
        await Expect(control.Locator("#detail .photo-upload button")).ToHaveTextAsync("Replace photo");
        Assert.StartsWith("blob:", await shown.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Equal(640, await shown.EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)"));

        // The phone already alerted gets the photo with the update, from the gateway itself.
        var onPhone = card.Locator("img");
        await Expect(onPhone).ToBeVisibleAsync();
        var origin = System.Text.RegularExpressions.Regex.Escape(gateway.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Matches($"^{origin}/api/photos/p-[0-9a-f]{{32}}$", await onPhone.GetAttributeAsync("src"));
        Assert.Equal(640, await onPhone.EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)"));

        await Screenshots.Save(control, "control-room-photo.png");

        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
