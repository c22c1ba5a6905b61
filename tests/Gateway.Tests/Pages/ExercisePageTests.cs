using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>An exercise in Chromium: marked in the control room's list and detail, and on the card of a phone that opted in.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Safeguarding")]
public sealed class ExercisePageTests(BrowserGateway gateway) : IClassFixture<BrowserGateway>
{
    [Fact]
    public async Task An_exercise_is_marked_in_the_control_room_and_on_the_card_of_a_phone_opted_in_to_exercises()
    {
        var kochani = (Lat: 41.9164, Lon: 22.4128);
        var phone = await gateway.NewPage(phone: true, (kochani.Lat + 0.002, kochani.Lon));
        await phone.GotoAsync("/public");
        await phone.SelectOptionAsync("#language", "en");
        await phone.ClickAsync("#locate");
        await phone.CheckAsync("#subscribe-form input[name=exercises]");
        await phone.ClickAsync("#subscribe-form button[type=submit]");
        await Expect(phone.Locator("#hub-status")).ToHaveAttributeAsync("data-state", "live");

        await OpenExercise("Drill Child", kochani);
        var card = phone.Locator(".alert.exercise", new() { HasText = "Drill Child" });
        await Expect(card.Locator(".exercise-mark")).ToHaveTextAsync("EXERCISE: not a real case");
        await Expect(card.Locator("h3")).ToContainTextAsync("EXERCISE: Missing child: Drill Child");

        var control = await gateway.SignedInControlRoom();
        var line = control.Locator("#cases li", new() { HasText = "Drill Child" });
        await Expect(line.Locator(".exercise-mark")).ToBeVisibleAsync();
        await line.ClickAsync();
        await Expect(control.Locator("#detail h2")).ToContainTextAsync("Drill Child");
        await Expect(control.Locator("#detail .exercise-mark")).ToContainTextAsync("Exercise");

        await Screenshots.Save(control, "control-room-exercise.png");

        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    [Fact]
    public async Task A_phone_that_ticks_exercises_after_subscribing_gets_the_next_exercise_card()
    {
        var vinica = (Lat: 41.8828, Lon: 22.5092);
        var phone = await gateway.SubscribedPhone((vinica.Lat + 0.002, vinica.Lon));
        await Expect(phone.Locator("#exercises")).Not.ToBeCheckedAsync();

        var saved = phone.WaitForResponseAsync(r => r.Url.EndsWith("/api/subscribers/me/exercises", StringComparison.Ordinal) && r.Status == 204);
        await phone.CheckAsync("#exercises");
        await saved;
        await OpenExercise("Late Drill", vinica);

        await Expect(phone.Locator(".alert.exercise", new() { HasText = "Late Drill" }).Locator(".exercise-mark")).ToBeVisibleAsync();
        Assert.Empty(gateway.Errors);
        Assert.Empty(gateway.CspViolations);
    }

    private async Task OpenExercise(string name, (double Lat, double Lon) lastSeen)
    {
        using var client = gateway.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" }))
            .Content.ReadFromJsonAsync<TokenResponse>(Json.Options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            child = new { name, age = 8, description = "A drill: yellow cap" },
            lastSeen = new { lat = lastSeen.Lat, lon = lastSeen.Lon, at = DateTimeOffset.UtcNow.AddMinutes(-5) },
            travelMode = "walking",
            level = "public",
            exercise = true,
        });
        response.EnsureSuccessStatusCode();
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exercise").GetBoolean());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
