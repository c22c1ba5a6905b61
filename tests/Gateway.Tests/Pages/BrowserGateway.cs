using System.Collections.Concurrent;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
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
public class BrowserGateway : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Installed by test.sh (apt-get) when missing; Playwright's own download cannot work here.</summary>
    private const string Chromium = "/usr/bin/chromium";

    // Reports every Content-Security-Policy violation to the console, where the page's listener collects it.
    private const string ReportViolations = """
        document.addEventListener("securitypolicyviolation", (e) =>
          console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
        """;

    private readonly GatewayFactory _root = new();
    private readonly IReadOnlyDictionary<string, string> _settings;
    private WebApplicationFactory<Program>? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The gateway's services (e.g. its hub context, to send what a failover would send again).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The gateway is not started.");

    public BrowserGateway()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A gateway with settings of its own (e.g. a short token lifetime).</summary>
    protected BrowserGateway(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public async Task InitializeAsync()
    {
        // A free port of its own: UseKestrel(0) means Kestrel's default 5000, which two gateways cannot
        // share; and the port is given as the URL too, since the Kestrel options alone were not always
        // applied (the host then bound 5000, failing while another test run held it).
        await BeforeStart();
        var port = FreePort();
        _app = _root.WithWebHostBuilder(b =>
        {
            b.UseUrls($"http://127.0.0.1:{port}");
            b.UseSetting("Pages:TileUrl", "");
            // One supervisor publishes unless a test asks for a second approver (its settings come after).
            b.UseSetting("Cases:EscalationApprovers", "1");
            foreach (var (key, value) in _settings)
            {
                b.UseSetting(key, value);
            }

            Configure(b);
        });
        _app.UseKestrel(port);
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

    /// <summary>Runs before the gateway starts: a fixture that needs a server of its own (a push service) starts it here.</summary>
    protected virtual Task BeforeStart() => Task.CompletedTask;

    /// <summary>More of the gateway's configuration (settings known only at start, test services), after the settings.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>Runs after the browser and the gateway are gone.</summary>
    protected virtual ValueTask AfterStop() => ValueTask.CompletedTask;

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
        await context.AddInitScriptAsync(ReportViolations);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Enqueue(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.WebSocket += (_, socket) => WebSockets.Enqueue(socket.Url);
        return page;
    }

    /// <summary>Uncaught script errors on any page: a test fails on them.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Content-Security-Policy violations on any page (the event and Chromium's own console report): a test fails on them.</summary>
    public ConcurrentQueue<string> CspViolations { get; } = new();

    /// <summary>The URLs of the WebSockets the pages opened.</summary>
    public ConcurrentQueue<string> WebSockets { get; } = new();

    /// <summary>A client of the gateway's loopback address (for what a test sets up without a page).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
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
        await AfterStop();
    }
}
