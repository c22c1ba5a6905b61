using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>One request the push service received, and what it answered.</summary>
public sealed record ReceivedPush(
    string Name, long ReceivedTicks, long AnsweredTicks, int Status, string? Authorization, string? Ttl, string? Urgency, string? Topic,
    string? ContentEncoding, byte[] Body, string Protocol);

/// <summary>
/// The tests' own push service: Kestrel on 127.0.0.1 with a self-signed certificate made here.
/// <c>POST /push/{name}</c> records the request and answers 201, or what the test scripted for
/// that name (a 410, a 429 with <c>Retry-After</c>…).
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> _script = new();
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private TestPushService(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public int Port { get; private set; }

    /// <summary>The origin a VAPID token for this service must name.</summary>
    public string Origin => $"https://127.0.0.1:{Port}";

    /// <summary>What Push:AllowedHosts must list for the gateway to call it.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    public IReadOnlyCollection<ReceivedPush> Received => [.. _received];

    /// <summary>How long each request waits before it is answered (a far push service); none by default.</summary>
    public TimeSpan AnswerDelay { get; set; }

    public string Endpoint(string name) => $"{Origin}/push/{name}";

    /// <summary>
    /// Lets a gateway push here, as an operator would allow a push host: <c>Push:AllowedHosts</c>
    /// names this service, and the gateway's push client trusts its self-signed certificate, and
    /// nothing else new.
    /// </summary>
    public void AllowIn(IWebHostBuilder gateway)
    {
        var thumbprint = Certificate.GetCertHashString();
        gateway.UseSetting("Push:AllowedHosts:0", HostPort);
        gateway.ConfigureTestServices(services => services.AddHttpClient(EarlyWarning.Gateway.Push.PushSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) =>
                ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback =
                    (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint));
    }

    public static async Task<TestPushService> Start()
    {
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            // As the browsers' push services: HTTP/2 over TLS (ALPN), HTTP/1.1 for clients without it.
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        var service = new TestPushService(app, certificate);
        app.MapPost("/push/{name}", service.Receive);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        service.Port = new Uri(address).Port;
        return service;
    }

    /// <summary>The next requests to <paramref name="name"/> get these answers, in order; 201 after.</summary>
    public void Script(string name, params (int Status, string? RetryAfter)[] answers)
    {
        var queue = _script.GetOrAdd(name, _ => new ConcurrentQueue<(int, string?)>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    /// <summary>Waits until the service has received a request matching <paramref name="match"/>.</summary>
    public async Task<ReceivedPush> WaitFor(Func<ReceivedPush, bool> match, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The push service did not receive the expected request.");
    }

    public IReadOnlyList<ReceivedPush> To(string name) => [.. _received.Where(r => r.Name == name)];

    private async Task Receive(string name, HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay);
        }

        var (status, retryAfter) = _script.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : (201, null);
        var headers = context.Request.Headers;
        _received.Enqueue(new ReceivedPush(
            name, received, Stopwatch.GetTimestamp(), status, headers.Authorization, headers["TTL"], headers["Urgency"], headers["Topic"],
            headers.ContentEncoding, body.ToArray(), context.Request.Protocol));
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Through PKCS#12 so the private key is usable by the TLS stack.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
