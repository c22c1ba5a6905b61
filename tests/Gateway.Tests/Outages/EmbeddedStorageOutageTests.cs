using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>
/// Embedded mode (one process, no Redis): grain storage that stops answering is an outage, a 503
/// problem with Retry-After (504 for a POST it may have applied), never a 500; readiness says so.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class EmbeddedStorageOutageTests : IAsyncLifetime
{
    private readonly UnreachableStorage _storage = new();
    private readonly GatewayFactory _root = new();
    private WebApplicationFactory<Program>? _gateway;

    public Task InitializeAsync()
    {
        _gateway = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, _storage)));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Storage_that_stops_answering_gets_503_or_504_problems_never_500_and_ready_turns_503()
    {
        using var supervisor = _gateway!.CreateClient();
        var token = await supervisor.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" });
        supervisor.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var caseId = (await Requests.OpenCase(supervisor, "Ana", Requests.Skopje.Lat, Requests.Skopje.Lon)).GetProperty("id").GetString();
        using var anonymous = _gateway.CreateClient();
        var (_, subscriberToken) = await Requests.Subscribe(anonymous, Requests.Skopje.Lat, Requests.Skopje.Lon);
        using var subscriber = _gateway.CreateClient();
        subscriber.DefaultRequestHeaders.Authorization = new("Bearer", subscriberToken);

        _storage.Unreachable = true;

        // Idempotent requests: safe to send again, so 503 with Retry-After.
        await AssertProblem(await supervisor.GetAsync($"/api/cases/c-{Guid.NewGuid():N}"), HttpStatusCode.ServiceUnavailable, "unknown");
        await AssertProblem(await subscriber.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.99, lon = 21.42 }), HttpStatusCode.ServiceUnavailable, "unknown");
        // POSTs the store failed while carrying them out may have been applied: 504, read back first.
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/subscribers", new { lat = 41.99, lon = 21.43, watchRadiusKm = 5, language = "en" }), HttpStatusCode.GatewayTimeout, "unknown");
        await AssertProblem(await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/sightings", new { lat = 41.99, lon = 21.43, seenAt = DateTimeOffset.UtcNow, description = "at the bus stop" }), HttpStatusCode.GatewayTimeout, "unknown");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz/live")).StatusCode);

        _storage.Unreachable = false;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz/ready")).StatusCode);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string outcome)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(outcome, JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(status == HttpStatusCode.ServiceUnavailable, response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await _root.DisposeAsync();
    }

    /// <summary>Keeps state in memory until <see cref="Unreachable"/>; then every read and write times out, as a store that stopped answering.</summary>
    private sealed class UnreachableStorage : IGrainStorage
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, GrainId), object?> _states = new();

        public volatile bool Unreachable;

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Check();
            if (_states.TryGetValue((stateName, grainId), out var state) && state is T value)
            {
                grainState.State = value;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Check();
            _states[(stateName, grainId)] = grainState.State;
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Check();
            _states.TryRemove((stateName, grainId), out _);
            return Task.CompletedTask;
        }

        private void Check()
        {
            if (Unreachable)
            {
                throw new TimeoutException("The store did not answer.");
            }
        }
    }
}
