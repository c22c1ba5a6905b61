using EarlyWarning.Gateway.Tests.Push;
using Microsoft.AspNetCore.Hosting;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A browser gateway whose pushes go to the tests' own push service on loopback, allowed and
/// trusted as an operator would allow a push host: the whole way from a case to a phone's
/// notification, with DevTools standing in only for the last hop (push service → browser).
/// </summary>
public sealed class ClosedPageGateway : BrowserGateway
{
    public TestPushService PushService { get; private set; } = null!;

    protected override async Task BeforeStart() => PushService = await TestPushService.Start();

    protected override void Configure(IWebHostBuilder builder) => PushService.AllowIn(builder);

    protected override async ValueTask AfterStop() => await PushService.DisposeAsync();
}
