using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Partners;
using EarlyWarning.Silo.Tests.Infrastructure;

namespace EarlyWarning.Silo.Tests.ClientMode;

/// <summary>
/// Partner webhooks in production's shape: a gateway in client mode takes the registration and
/// fans the messages out, the Silo process sends them, each checking <c>Partners:AllowedHosts</c>
/// from its own configuration. The only partner is the test's loopback receiver.
/// </summary>
[Trait("Category", "Distributed")]
[Trait("Category", "Interop")]
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ClientModeWebhookTests : IAsyncLifetime
{
    private const string Allowed = "127.0.0.1";

    private readonly string _clusterId = $"ew-test-{Guid.NewGuid():N}";
    private RedisServer? _redis;
    private SiloProcess? _silo;
    private ClientGateway? _gateway;
    private TestPartnerReceiver? _receiver;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(password: $"pw-{Guid.NewGuid():N}");
        _receiver = await TestPartnerReceiver.Start();
    }

    [Fact]
    public async Task The_silo_sends_a_public_cases_alert_to_a_partner_its_own_configuration_allows()
    {
        var (supervisor, partnerId) = await PartnerRegistered(siloAllows: true);

        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
        var alert = await _receiver!.WaitFor("mk", w => w.Body.Contains(caseId, StringComparison.Ordinal));

        Assert.Contains("<msgType>Alert</msgType>", alert.Body, StringComparison.Ordinal);
        Assert.StartsWith("sha256=", alert.Signature, StringComparison.Ordinal);
        await Eventually(async () => (await Deliveries(supervisor, partnerId)).Any(d => d.GetProperty("statusCode").GetInt32() == 200));
    }

    [Fact]
    public async Task A_silo_without_the_host_on_its_allow_list_refuses_it_at_send_time_and_records_why()
    {
        var (supervisor, partnerId) = await PartnerRegistered(siloAllows: false);

        var caseId = await ClusterCalls.OpenPublicCaseInSkopje(supervisor);
        await Eventually(async () => (await Deliveries(supervisor, partnerId)).Any(d => d.GetProperty("caseId").GetString() == caseId));
        var attempt = (await Deliveries(supervisor, partnerId)).First(d => d.GetProperty("caseId").GetString() == caseId);

        Assert.False(attempt.TryGetProperty("statusCode", out _));
        Assert.Contains("Partners:AllowedHosts", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_receiver!.To("mk"));
    }

    /// <summary>A silo (allowing the loopback receiver or not) and a gateway that does; the partner registered through it.</summary>
    private async Task<(HttpClient Supervisor, string PartnerId)> PartnerRegistered(bool siloAllows)
    {
        _silo = await SiloProcess.StartAsync(_redis!, _clusterId, settings: siloAllows ? [$"--Partners:AllowedHosts:0={Allowed}"] : []);
        _gateway = await new ClientGateway(_redis!, _clusterId, ("Partners:AllowedHosts:0", Allowed)).ReadyAsync();
        var supervisor = await ClusterCalls.SupervisorClient(_gateway);
        using var registered = await supervisor.PostAsJsonAsync("/api/partners", new
        {
            name = "Skopje partner", url = _receiver!.Url("mk"), countries = new List<string> { "MK" }, languages = new List<string> { "en" },
            secret = "cluster-partner-secret-0123",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (supervisor, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private static async Task<JsonElement[]> Deliveries(HttpClient supervisor, string partnerId) =>
        [.. (await ApiCalls.Get(supervisor, $"/api/partners/{partnerId}/deliveries")).EnumerateArray()];

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
