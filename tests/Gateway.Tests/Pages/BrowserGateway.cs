using System.Collections.Concurrent;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The gateway on a real loopback port (Kestrel, not the test server: a browser needs a socket)
/// and the distribution's headless Chromium, driven by Playwright. No base-map tiles: the pages
/// draw the bundled outline, as they do offline.
/// </summary>
public sealed class BrowserGateway : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Installed by test.sh (apt-get) when missing; Playwright's own download cannot work here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private readonly GatewayFactory _root = new();
    private WebApplicationFactory<Program>? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b => b.UseSetting("Pages:TileUrl", ""));
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google's hosts,
            // which this closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (its own storage) on a phone or desktop viewport, optionally at a GPS position.</summary>
    public async Task<IPage> NewPage(bool phone, (double Lat, double Lon)? position = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 420, Height = 900 } : new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/Skopje",
        };
        if (position is { } p)
        {
            options.Geolocation = new Geolocation { Latitude = (float)p.Lat, Longitude = (float)p.Lon };
            options.Permissions = ["geolocation"];
        }

        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Enqueue(error);
        return page;
    }

    /// <summary>Uncaught script errors on any page: a test fails on them.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _root.DisposeAsync();
    }
}
