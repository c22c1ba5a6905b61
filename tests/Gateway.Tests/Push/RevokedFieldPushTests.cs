using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// A field team's phone gets internal cases by push: once its account is removed from the
/// configuration, or its password or role changes, it gets nothing more (its token is refused, so
/// it could not turn the pushes off itself).
/// </summary>
[Trait("Category", "Push")]
public sealed class RevokedFieldPushTests : ConfiguredGatewayTests
{
    private static readonly string ZoraHash = PasswordHasher.Hash("zora-password-1");
    private static readonly string VladoHash = PasswordHasher.Hash("vlado-password-1");

    private readonly MutableConfiguration _configuration = new();
    private TestPushService? _service;

    public RevokedFieldPushTests()
    {
        _configuration.Replace(Accounts(("zora", ZoraHash), ("vlado", VladoHash)));
    }

    private TestPushService Service => _service ?? throw new InvalidOperationException("The push service starts first.");

    protected override void Configure(IWebHostBuilder builder)
    {
        Service.AllowIn(builder);
        builder.ConfigureAppConfiguration((_, config) => config.Add(_configuration));
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("new password")]
    [InlineData("no longer field")]
    public async Task A_field_account_removed_or_changed_gets_no_more_pushes_and_its_subscription_is_forgotten(string change)
    {
        await using var service = _service = await TestPushService.Start();
        var at = (Lat: 41.35, Lon: 21.55);
        using var zoraPush = new TestPushSubscription(Service.Endpoint("zora"));
        using var vladoPush = new TestPushSubscription(Service.Endpoint("vlado"));
        await FieldTeamWithPush("zora", "zora-password-1", zoraPush, at);
        await FieldTeamWithPush("vlado", "vlado-password-1", vladoPush, at);

        _configuration.Replace(change switch
        {
            "removed" => Accounts(("vlado", VladoHash)),
            "new password" => Accounts(("zora", PasswordHasher.Hash("zora-password-2")), ("vlado", VladoHash)),
            _ => Accounts(("zora", ZoraHash, "operator"), ("vlado", VladoHash, "field")),
        });
        using var supervisor = await CreateClientAs("supervisor");
        var caseId = (await Requests.OpenCase(supervisor, "Ana", at.Lat, at.Lon)).GetProperty("id").GetString()!;

        // The team whose account holds is pushed the internal case; Zora's phone is not.
        await Service.WaitFor(r => r.Name == "vlado" && r.Status == 201 && CaseOf(r, vladoPush) == caseId);
        var grains = App.Services.GetRequiredService<IGrainFactory>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await grains.GetGrain<ISubscriberGrain>("zora").GetPush() is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Null(await grains.GetGrain<ISubscriberGrain>("zora").GetPush());
        Assert.Empty(Service.To("zora"));
        Assert.NotNull(await grains.GetGrain<ISubscriberGrain>("vlado").GetPush());
    }

    private async Task FieldTeamWithPush(string username, string password, TestPushSubscription push, (double Lat, double Lon) at)
    {
        using var anonymous = App.CreateClient();
        var signIn = await anonymous.PostAsJsonAsync("/api/auth/token", new { username, password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/subscribers/me/location", new { lat = at.Lat, lon = at.Lon })).StatusCode);
    }

    private static string? CaseOf(ReceivedPush request, TestPushSubscription push) =>
        JsonDocument.Parse(WebPushDecryption.Decrypt(request.Body, push)).RootElement.GetProperty("caseId").GetString();

    private static Dictionary<string, string?> Accounts(params (string Username, string Hash, string Role)[] accounts) =>
        ConfiguredAccounts.Settings(accounts);

    private static Dictionary<string, string?> Accounts(params (string Username, string Hash)[] fieldAccounts) =>
        Accounts([.. fieldAccounts.Select(a => (a.Username, a.Hash, "field"))]);
}
