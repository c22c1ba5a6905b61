using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// Stands in for the browser's push service (headless Chromium here cannot reach one): the page's
/// PushManager hands out a subscription at the given endpoint with the given keys, notes the key it
/// was asked to use (<c>window.subscribedWithKey</c>), and counts the permission prompts
/// (<c>window.permissionAsked</c>), which it grants.
/// </summary>
public static class StandInPushManager
{
    public static async Task Install(IPage page, string endpoint, string p256dh, string auth) =>
        await page.Context.AddInitScriptAsync(
            $$"""
            (() => {
              let current = null;
              Notification.requestPermission = async () => { window.permissionAsked?.(); return "granted"; };
              Object.defineProperty(Notification, "permission", { get: () => "granted" });
              PushManager.prototype.getSubscription = async () => current;
              PushManager.prototype.subscribe = async (options) => {
                window.subscribedWithKey = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
                const endpoint = "{{endpoint}}";
                current = {
                  endpoint,
                  options,
                  toJSON: () => ({ endpoint, keys: { p256dh: "{{p256dh}}", auth: "{{auth}}" } }),
                  unsubscribe: async () => { current = null; window.unsubscribed = true; return true; },
                };
                return current;
              };
            })();
            """);
}
