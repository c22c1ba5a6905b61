using EarlyWarning.Gateway.Push;
using EarlyWarning.Gateway.Tests.Push;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

    protected override void Configure(IWebHostBuilder builder)
    {
        var thumbprint = PushService.Certificate.GetCertHashString();
        builder.UseSetting("Push:AllowedHosts:0", PushService.HostPort);
        builder.ConfigureTestServices(services => services.AddHttpClient(PushSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
                ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback =
                    (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint));
    }

    protected override async ValueTask AfterStop() => await PushService.DisposeAsync();
}
