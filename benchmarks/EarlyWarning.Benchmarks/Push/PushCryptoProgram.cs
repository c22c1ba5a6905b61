using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using EarlyWarning.Gateway.Push;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>
/// <c>push-crypto</c>: what each step of one RFC 8291 <c>aes128gcm</c> message costs with .NET's own
/// crypto on this machine (one thread, µs and bytes allocated per operation), against the whole of
/// <see cref="WebPushEncryption"/> (its pair and agreement through libcrypto 3 where the gateway's
/// <c>OpenSslP256</c> finds it) and of Lib.Net.Http.WebPush's send through an in-memory handler.
/// Last, the memory the gateway's cache of subscriber keys holds per key (<see cref="KeyCacheMemory"/>).
/// <code>dotnet run -c Release --project benchmarks/EarlyWarning.Benchmarks -- push-crypto [--iterations 4000] [--keys 20000]</code>
/// </summary>
public static class PushCryptoProgram
{
    public static async Task<int> Run(string[] args)
    {
        var i = Array.IndexOf(args, "--iterations");
        var iterations = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 4000;

        using var userAgent = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = userAgent.ExportParameters(false).Q;
        byte[] uaPublic = [0x04, .. q.X!, .. q.Y!];
        byte[] spki = userAgent.ExportSubjectPublicKeyInfo();
        var uaParameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q };
        var auth = RandomNumberGenerator.GetBytes(16);
        var payload = new byte[400];
        RandomNumberGenerator.Fill(payload);
        using var sender = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        _ = sender.ExportParameters(false);
        using var uaPublicKey = userAgent.PublicKey;
        var secret = sender.DeriveRawSecretAgreement(uaPublicKey);
        var cek = new byte[16];
        var nonce = new byte[12];
        var sealedBytes = new byte[payload.Length + 1];
        var tag = new byte[16];

        Console.WriteLine($"push-crypto: {iterations} operations each on one thread; .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        Measure("ECDiffieHellman.Create(nistP256) (key pair made)", iterations, () =>
        {
            using var k = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            _ = k.KeySize;
        });
        Measure("  + ExportParameters(false) (public point)", iterations, () =>
        {
            using var k = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            _ = k.ExportParameters(false);
        });
        Measure("  + TryExportSubjectPublicKeyInfo (public point)", iterations, () =>
        {
            using var k = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            Span<byte> buffer = stackalloc byte[128];
            _ = k.TryExportSubjectPublicKeyInfo(buffer, out _);
        });
        Measure("ExportParameters(false) of a made pair", iterations, () => sender.ExportParameters(false));
        Measure("import p256dh: Create(ECParameters with Q) + PublicKey", iterations, () =>
        {
            using var k = ECDiffieHellman.Create(uaParameters);
            using var p = k.PublicKey;
        });
        Measure("import p256dh: ImportSubjectPublicKeyInfo + PublicKey", iterations, () =>
        {
            using var k = ECDiffieHellman.Create();
            k.ImportSubjectPublicKeyInfo(spki, out _);
            using var p = k.PublicKey;
        });
        Measure("DeriveRawSecretAgreement (imported key)", iterations, () => sender.DeriveRawSecretAgreement(uaPublicKey));
        Measure("HKDF: 2 extracts, 3 expands (spans)", iterations, () =>
        {
            Span<byte> prk = stackalloc byte[32];
            Span<byte> ikm = stackalloc byte[32];
            HKDF.Extract(HashAlgorithmName.SHA256, secret, auth, prk);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, ikm, "WebPush: info\0"u8);
            HKDF.Extract(HashAlgorithmName.SHA256, ikm, auth, prk);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, cek, "Content-Encoding: aes128gcm\0"u8);
            HKDF.Expand(HashAlgorithmName.SHA256, prk, nonce, "Content-Encoding: nonce\0"u8);
        });
        Measure("AesGcm: new (key) + Encrypt 401 bytes", iterations, () =>
        {
            using var aes = new AesGcm(cek, 16);
            aes.Encrypt(nonce, payload.AsSpan(0, sealedBytes.Length - 1), sealedBytes.AsSpan(0, sealedBytes.Length - 1), tag);
        });
        Measure("RandomNumberGenerator.Fill (16-byte salt)", iterations, () =>
        {
            Span<byte> salt = stackalloc byte[16];
            RandomNumberGenerator.Fill(salt);
        });
        Measure("WebPushEncryption.Encrypt (400 B; libcrypto where it is)", iterations, () => WebPushEncryption.Encrypt(payload, uaPublic, auth));
        var imported = SubscriberKey.Import(uaPublic);
        Measure("  the same, subscriber's key imported before (cached)", iterations, () => WebPushEncryption.Encrypt(payload, imported, auth));

        var library = LibraryClient(uaPublic, auth, out var subscription);
        await MeasureAsync("Lib.Net.Http.WebPush send, in-memory handler (before)", iterations, async () =>
        {
            using var content = new ByteArrayContent(payload);
            var message = new PushMessage(content) { Topic = "t", Urgency = PushMessageUrgency.High, TimeToLive = 60 };
            await library.RequestPushMessageDeliveryAsync(subscription, message);
        });

        var k = Array.IndexOf(args, "--keys");
        KeyCacheMemory.Measure(k >= 0 && k + 1 < args.Length ? int.Parse(args[k + 1], CultureInfo.InvariantCulture) : 20_000);
        return 0;
    }

    private static PushServiceClient LibraryClient(byte[] uaPublic, byte[] auth, out PushSubscription subscription)
    {
        var keys = VapidKeys.Create();
        subscription = new PushSubscription { Endpoint = "https://push.example.invalid/p" };
        subscription.SetKey(PushEncryptionKeyName.P256DH, Base64Url.EncodeToString(uaPublic));
        subscription.SetKey(PushEncryptionKeyName.Auth, Base64Url.EncodeToString(auth));
#pragma warning disable CA2000 // the handler lives as long as the client, for the program's run
        return new PushServiceClient(new HttpClient(new Accepting()))
        {
            AutoRetryAfter = false,
            DefaultAuthentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = "mailto:bench@earlywarning.invalid" },
        };
#pragma warning restore CA2000
    }

    private static void Measure(string what, int iterations, Action step)
    {
        for (var i = 0; i < Math.Max(50, iterations / 10); i++)
        {
            step();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            step();
        }

        Report(what, iterations, start, cpu, allocated);
    }

    private static async Task MeasureAsync(string what, int iterations, Func<Task> step)
    {
        for (var i = 0; i < Math.Max(50, iterations / 10); i++)
        {
            await step();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            await step();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Print(what, iterations, elapsed, cpuUsed, bytes);
    }

    private static void Report(string what, int iterations, long start, TimeSpan cpu, long allocated)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Print(what, iterations, elapsed, cpuUsed, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    private static void Print(string what, int iterations, TimeSpan elapsed, TimeSpan cpu, long bytes) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-58} {elapsed.TotalMicroseconds / iterations,8:F1} µs  (process CPU {cpu.TotalMicroseconds / iterations,7:F1} µs)  {bytes / iterations,6} B"));

    private sealed class Accepting : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Read the body: the library encrypts as the content is serialised.
            _ = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.Created);
        }
    }
}
