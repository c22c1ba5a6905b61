using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EarlyWarning.Gateway.Push;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Benchmarks.Push;

/// <summary>
/// What <see cref="SubscriberKeyCache"/> holds per subscriber key (<c>Push:KeyCacheEntries</c>): the
/// native bytes in use (glibc's <c>mallinfo2</c>, OpenSSL allocating through malloc; freed memory the
/// allocator keeps does not count, so keys made and dropped before do not hide any) and the managed
/// heap, before and after importing that many distinct keys. Linux with glibc 2.33 or later only.
/// </summary>
internal static class KeyCacheMemory
{
    public static void Measure(int keys)
    {
        // The browsers' keys, made first: their own memory is freed before the count starts.
        var texts = new string[keys];
        for (var i = 0; i < keys; i++)
        {
            using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = browser.ExportParameters(false).Q;
            texts[i] = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
        }

        var cache = new SubscriberKeyCache(Options.Create(new PushOptions { KeyCacheEntries = keys }));
        var (nativeBefore, managedBefore) = (NativeInUse(), GC.GetTotalMemory(forceFullCollection: true));
        foreach (var text in texts)
        {
            _ = cache.Get(text);
        }

        var (nativeAfter, managedAfter) = (NativeInUse(), GC.GetTotalMemory(forceFullCollection: true));
        GC.KeepAlive(cache);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {keys} subscriber keys held in SubscriberKeyCache ({cache.Count}): native {(nativeAfter - nativeBefore) / (double)keys / 1024:F2} KB a key, managed {(managedAfter - managedBefore) / (double)keys / 1024:F2} KB a key"));
    }

    /// <summary>Bytes glibc's allocator has handed out and not had back: small blocks and mmapped ones.</summary>
    private static long NativeInUse()
    {
        var info = MallInfo2();
        return (long)(info.Uordblks + info.Hblkhd);
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo MallInfo2();

    /// <summary>glibc's <c>struct mallinfo2</c>: ten <c>size_t</c> fields, in order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
