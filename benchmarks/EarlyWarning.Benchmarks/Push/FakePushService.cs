using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>
/// A push service of the tests' kind for load: Kestrel on 127.0.0.1 over https with a certificate
/// made at start. <c>POST /push/{name}</c> checks that the request looks like Web Push (a VAPID
/// <c>Authorization</c>, <c>aes128gcm</c>, a TTL, a body) and answers 201, counting acceptances with the
/// monotonic clock (comparable across processes on Linux). <c>GET /wait?count=N</c> answers once N
/// are accepted: <c>accepted lastTicks</c>. Run in its own process (<c>push-service</c>), so the
/// gateway's CPU time is the gateway's alone.
/// </summary>
public static class FakePushService
{
    private static long _accepted;
    private static long _rejected;
    private static long _lastTicks;
    private static readonly Lock Gate = new();
    private static readonly List<(long Count, TaskCompletionSource Done)> Waiters = [];

    /// <summary>Serves until stdin closes; first prints <c>listening PORT THUMBPRINT</c>.</summary>
    public static async Task<int> Run()
    {
        using var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxConcurrentConnections = 1024;
            k.Listen(IPAddress.Loopback, 0, l =>
            {
                l.Protocols = HttpProtocols.Http1AndHttp2;
                l.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.MapPost("/push/{name}", Receive);
        app.MapGet("/wait", Wait);
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening {port} {certificate.GetCertHashString()}"));
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static async Task Receive(HttpContext context)
    {
        var request = context.Request;
        var length = 0L;
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer)) > 0)
        {
            length += read;
        }

        var looksRight = request.Headers.Authorization.ToString().StartsWith("vapid t=", StringComparison.Ordinal)
            && request.Headers.ContentEncoding == "aes128gcm"
            && request.Headers.ContainsKey("TTL")
            && length is > 86 and <= 4096;
        if (!looksRight)
        {
            Interlocked.Increment(ref _rejected);
            context.Response.StatusCode = 400;
            return;
        }

        context.Response.StatusCode = 201;
        var now = Stopwatch.GetTimestamp();
        var count = Interlocked.Increment(ref _accepted);
        lock (Gate)
        {
            _lastTicks = Math.Max(_lastTicks, now);
            for (var i = Waiters.Count - 1; i >= 0; i--)
            {
                if (Waiters[i].Count <= count)
                {
                    Waiters[i].Done.TrySetResult();
                    Waiters.RemoveAt(i);
                }
            }
        }
    }

    private static async Task<string> Wait(long count, CancellationToken aborted)
    {
        TaskCompletionSource? done = null;
        lock (Gate)
        {
            if (Interlocked.Read(ref _accepted) < count)
            {
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Waiters.Add((count, done));
            }
        }

        if (done is not null)
        {
            await done.Task.WaitAsync(aborted);
        }

        lock (Gate)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Read(ref _accepted)} {_lastTicks} {Interlocked.Read(ref _rejected)}");
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(4));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), password: null);
    }
}
