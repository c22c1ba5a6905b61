using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using EarlyWarning.Grains.Subscribers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>
/// The real gateway (embedded silo, in-memory state) in this process, its REST API through the test
/// server and its pushes over loopback to the <see cref="FakePushService"/>, which it is configured to
/// allow (<c>Push:AllowedHosts</c>) and trust, as the tests do. (Named by a type of the gateway's
/// assembly: <c>Program</c> is this benchmark's too.)
/// </summary>
public sealed class PushGateway(FakePushServiceProcess service, int workers) : WebApplicationFactory<PushOutbox>
{
    private static readonly int TileZoom = new RegionOptions().TileZoom;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var keys = VapidKeys.Create();
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Storage:Provider", "memory");
        builder.UseSetting("Cases:ZoneTickInterval", "01:00:00");
        // It opens public cases at once: one supervisor publishes.
        builder.UseSetting("Cases:EscalationApprovers", "1");
        builder.UseSetting("Push:PublicKey", keys.PublicKey);
        builder.UseSetting("Push:PrivateKey", keys.PrivateKey);
        builder.UseSetting("Push:Subject", "mailto:bench@earlywarning.invalid");
        builder.UseSetting("Push:AllowedHosts:0", $"127.0.0.1:{service.Port}");
        builder.UseSetting("Push:WorkerCount", workers.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:TokenRequests", "100000");
        var thumbprint = service.Thumbprint;
        builder.ConfigureTestServices(services => services.AddHttpClient(PushSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
                ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback =
                    (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint));
    }

    /// <summary>The outbox's bound (<c>Push:QueueCapacity</c>).</summary>
    public int OutboxCapacity => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PushOptions>>().Value.QueueCapacity;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Jobs waiting in the push outbox now.</summary>
    public int Queued => Services.GetRequiredService<PushOutbox>().Count;

    /// <summary>A client signed in as the demo supervisor.</summary>
    public async Task<HttpClient> Supervisor()
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "supervisor", password = "supervisor-demo" });
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>
    /// <paramref name="count"/> public subscribers within <paramref name="spreadKm"/> of the point, each
    /// with a push subscription on the fake service: their grains' states written to storage as
    /// <c>PUT …/push</c> leaves them (so each push activates its grain from storage, as after a quiet
    /// spell), and their tiles filled with one bulk call each. Every subscription has a key pair of its
    /// own, as browsers make them (the gateway keeps imported keys: a shared pool would flatter it).
    /// </summary>
    public async Task Seed(string prefix, int count, GeoPoint at, double spreadKm)
    {
        var storage = Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var keys = new (string P256dh, string Auth)[count];
        Parallel.For(0, count, i => keys[i] = SubscriptionKeys());
        var random = new Random(42);
        var byTile = new Dictionary<string, List<RegionSubscriber>>();
        var writes = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"s-{prefix}{i:x30}");
            var distance = spreadKm * Math.Sqrt(random.NextDouble());
            var bearing = random.NextDouble() * 2 * Math.PI;
            var lat = at.Lat + (distance * Math.Cos(bearing) / 111.2);
            var lon = at.Lon + (distance * Math.Sin(bearing) / (111.2 * Math.Cos(at.Lat * Math.PI / 180)));
            var tile = TileKey.FromPoint(new GeoPoint(lat, lon), TileZoom).ToGrainKey();
            var (p256dh, auth) = keys[i];
            var state = new SubscriberState
            {
                Profile = new SubscriberProfile(SubscriberKind.Public, "mk", 0, lat, lon),
                Tile = tile,
                Push = new PushSubscriptionRecord($"https://127.0.0.1:{service.Port}/push/{id}", p256dh, auth),
            };
            writes.Add(storage.WriteStateAsync("subscriber", Grains.GetGrain<ISubscriberGrain>(id).GetGrainId(), new GrainState<SubscriberState>(state)));
            if (!byTile.TryGetValue(tile, out var list))
            {
                byTile[tile] = list = [];
            }

            list.Add(new RegionSubscriber(id, lat, lon, 0, SubscriberKind.Public, "mk", Push: true));
        }

        await Task.WhenAll(writes);
        await Task.WhenAll(byTile.Select(t => Grains.GetGrain<IRegionGrain>(t.Key).PlaceMany([.. t.Value])));
    }

    private static (string P256dh, string Auth) SubscriptionKeys()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        return (Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
