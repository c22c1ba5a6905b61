using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>
/// A test class whose gateway has settings of its own (a fake clock, a low limit, a feature
/// switched off), said by <see cref="Configure"/>: the configured gateway and the default one it
/// derives from live for one test and are disposed together.
/// </summary>
public abstract class ConfiguredGatewayTests : IAsyncLifetime, IAsyncDisposable
{
    private WebApplicationFactory<Program>? _app;

    /// <summary>The gateway with default settings, for a test that derives another of its own.</summary>
    protected GatewayFactory Root { get; } = new();

    /// <summary>The configured gateway.</summary>
    protected WebApplicationFactory<Program> App => _app ?? throw new InvalidOperationException("Used before InitializeAsync.");

    /// <summary>This class's settings; called once per test, after the constructor.</summary>
    protected abstract void Configure(IWebHostBuilder builder);

    /// <summary>A client of the configured gateway carrying a demo account's bearer token.</summary>
    protected async Task<HttpClient> CreateClientAs(string username)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await GatewayFactory.TokenFor(App, username)).AccessToken);
        return client;
    }

    public Task InitializeAsync()
    {
        _app = Root.WithWebHostBuilder(Configure);
        return Task.CompletedTask;
    }

    // xunit 2 disposes a test class through IAsyncLifetime only; IAsyncDisposable is for the analysers' sake.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Root.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
