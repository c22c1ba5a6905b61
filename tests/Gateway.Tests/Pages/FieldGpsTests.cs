using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// "Use GPS" on the field page watches the phone's position: pressed again (a team member unsure
/// it worked), it still keeps one watch, which sends at most one update every 10 s — each extra
/// watch sent its own and ran into the location rate limit.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FieldGpsTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task Pressing_use_gps_again_keeps_one_position_watch()
    {
        var field = await gateway.NewPage(phone: true, position: (42.0010, 21.4100));
        // The page's watches as the browser holds them: started and not cleared.
        await field.AddInitScriptAsync(
            """
            (() => {
              const geo = navigator.geolocation;
              const watch = geo.watchPosition.bind(geo);
              const clear = geo.clearWatch.bind(geo);
              window.liveWatches = new Set();
              geo.watchPosition = (...args) => { const id = watch(...args); window.liveWatches.add(id); return id; };
              geo.clearWatch = (id) => { window.liveWatches.delete(id); clear(id); };
            })();
            """);
        await field.GotoAsync("/field");
        await field.SignIn("field1", "field-demo");

        await field.ClickAsync("#gps");
        await Assertions.Expect(field.Locator("#position")).ToContainTextAsync("42.0010, 21.4100");
        await field.ClickAsync("#gps");
        await field.ClickAsync("#gps");

        Assert.Equal(1, await field.EvaluateAsync<int>("() => window.liveWatches.size"));
        Assert.Empty(gateway.Errors);
    }
}
