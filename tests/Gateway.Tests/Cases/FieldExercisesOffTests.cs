using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Cases;

/// <summary>With <c>Auth:FieldExercises</c> false a field team hears of no exercise, and still of every real case.</summary>
public sealed class FieldExercisesOffTests : IAsyncLifetime, IDisposable
{
    private readonly GatewayFactory _root = new();
    private WebApplicationFactory<Program>? _app;

    public Task InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b => b.UseSetting("Auth:FieldExercises", "false"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _root.DisposeAsync();
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    [Trait("Category", "Safeguarding")]
    public async Task A_field_team_configured_out_of_exercises_gets_the_real_case_and_never_the_exercise()
    {
        var (lat, lon) = (41.4378, 22.6427); // Strumica
        var field = await GatewayFactory.TokenFor(_app!, "field2");
        await using var hub = await GatewayFactory.ConnectHubAsync(_app!, field.AccessToken);
        var inbox = new AlertInbox(hub);
        await hub.InvokeAsync("UpdateLocation", lat, lon);
        var supervisorToken = await GatewayFactory.TokenFor(_app!, "supervisor");
        using var supervisor = _app!.CreateClient();
        supervisor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", supervisorToken.AccessToken);

        var drill = JsonSerializer.SerializeToNode(Requests.NewCase("Drill", lat, lon))!.AsObject();
        drill["exercise"] = true;
        var drillId = (await (await supervisor.PostAsJsonAsync("/api/cases", drill)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var realId = (await Requests.OpenCase(supervisor, "Real", lat, lon)).GetProperty("id").GetString()!;
        await inbox.WaitFor(AlertInbox.Is(realId, "new"), "the real case's new");
        using var fieldClient = _app.CreateClient();
        fieldClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", field.AccessToken);
        var held = await fieldClient.GetFromJsonAsync<JsonElement[]>("/api/subscribers/me/alerts");

        Assert.DoesNotContain(inbox.Received, m => m.GetProperty("caseId").GetString() == drillId);
        Assert.DoesNotContain(held!, a => a.GetProperty("caseId").GetString() == drillId);
        Assert.Contains(held!, a => a.GetProperty("caseId").GetString() == realId);
    }
}
