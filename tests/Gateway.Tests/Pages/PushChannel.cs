using EarlyWarning.Gateway.Push;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// Delivers pushes to a page's service worker through DevTools, as a push service would. The
/// DevTools session stays with the tab, so pushes still arrive after the tab has left the page.
/// </summary>
public sealed class PushChannel(ICDPSession cdp, string origin, string registrationId)
{
    public static async Task<PushChannel> Open(IPage page, Uri baseAddress, string scope)
    {
        await WaitForController(page);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var wanted = new Uri(baseAddress, scope).ToString();
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var registration in e!.Value.GetProperty("registrations").EnumerateArray())
            {
                if (registration.GetProperty("scopeURL").GetString() == wanted && !registration.GetProperty("isDeleted").GetBoolean())
                {
                    found.TrySetResult(registration.GetProperty("registrationId").GetString()!);
                }
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var origin = baseAddress.GetLeftPart(UriPartial.Authority);
        return new PushChannel(cdp, origin, await found.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Waits until the page is controlled by its service worker.</summary>
    public static async Task WaitForController(IPage page) =>
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

    public Task Deliver(PushPayload payload) => Deliver(System.Text.Encoding.UTF8.GetString(payload.ToJson()));

    /// <summary>Delivers a message's plaintext as the push service would hand it to the browser.</summary>
    public async Task Deliver(string data) =>
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = origin,
            ["registrationId"] = registrationId,
            ["data"] = data,
        });
}
