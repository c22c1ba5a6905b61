using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// A browser gateway whose hub registers each connection <see cref="Delay"/> after answering its
/// handshake, as a gateway under load may: the window in which a push reaches no one.
/// </summary>
public sealed class LateRegistrationGateway : BrowserGateway
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(4);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.Configure<HubOptions>(o => o.AddFilter(new LateConnect())));

    private sealed class LateConnect : IHubFilter
    {
        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            await Task.Delay(Delay);
            await next(context);
        }
    }
}
