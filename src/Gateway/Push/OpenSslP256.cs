using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// P-256 key pairs and ECDH straight through OpenSSL 3's libcrypto, where there is one (Linux):
/// .NET's own path checks every key pair it makes (<c>EC_KEY_check_key</c>: the public point
/// computed again and multiplied by the group order) and validates the peer at every agreement,
/// about five scalar multiplications a push message where two do. Here a subscriber's point is
/// validated once, fully (<c>EVP_PKEY_public_check</c>), when it is imported; each message's pair is
/// made by <c>EVP_PKEY_generate</c> and agrees with that checked point without validating it again.
/// Everything else falls back to <see cref="ECDiffieHellman"/> (<see cref="IsAvailable"/> false).
/// Measured in benchmarks/RESULTS.md ("Web Push").
/// </summary>
internal static partial class OpenSslP256
{
    private const string Library = "libcrypto.so.3";

    // OpenSSL takes C strings: NUL-terminated ASCII.
    private static readonly byte[] Ec = "EC\0"u8.ToArray();
    private static readonly byte[] P256 = "P-256\0"u8.ToArray();
    private static readonly byte[] EncodedPublicKey = "encoded-pub-key\0"u8.ToArray();

    // OSSL_PARAM data types and EVP_PKEY_PUBLIC_KEY (the public key and all parameters).
    private const uint OsslUtf8String = 4;
    private const uint OsslOctetString = 5;
    private const int PublicKeySelection = 0x86;

    private static readonly Lazy<bool> Available = new(SelfTest);

    /// <summary>Whether libcrypto 3 is here and agrees with .NET's ECDH on a test pair (checked once).</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The subscriber's uncompressed point as an OpenSSL key, fully validated.</summary>
    /// <exception cref="CryptographicException">Not a valid P-256 public point.</exception>
    public static OpenSslKey ImportPublic(ReadOnlySpan<byte> point)
    {
        // From an OSSL_PARAM list (group, pub): OpenSSL 3's DER decoders (d2i_PUBKEY) took ~7× as long.
        var data = Marshal.AllocHGlobal(point.Length);
        try
        {
            Marshal.Copy(point.ToArray(), 0, data, point.Length);
            OsslParameter[] parameters =
            [
                new(Names.Group, OsslUtf8String, Names.P256, 5),
                new(Names.PublicKey, OsslOctetString, data, (nuint)point.Length),
                default,
            ];
            using var context = new OpenSslContext(PkeyContextNewFromName(IntPtr.Zero, Ec, IntPtr.Zero));
            if (context.IsInvalid || FromDataInit(context) != 1 || FromData(context, out var imported, PublicKeySelection, parameters) != 1)
            {
                throw Failure("The subscription's p256dh is not a point on P-256.");
            }

            var key = new OpenSslKey(imported);
            using var check = new OpenSslContext(PkeyContextNew(key, IntPtr.Zero));
            if (check.IsInvalid || PublicCheck(check) != 1)
            {
                key.Dispose();
                throw Failure("The subscription's p256dh is not a point on P-256.");
            }

            return key;
        }
        finally
        {
            Marshal.FreeHGlobal(data);
        }
    }

    /// <summary>A fresh key pair (used once, then freed): its public point into 65 bytes, and its ECDH secret with <paramref name="peer"/>.</summary>
    public static void AgreeWithFreshPair(OpenSslKey peer, Span<byte> publicPoint, Span<byte> secret)
    {
        using var pair = Generate();
        var length = (nuint)0;
        if (GetOctetStringParameter(pair, EncodedPublicKey, ref MemoryMarshal.GetReference(publicPoint), (nuint)publicPoint.Length, out length) != 1
            || length != 65)
        {
            throw Failure("Could not read the new key pair's public point.");
        }

        using var derive = new OpenSslContext(PkeyContextNew(pair, IntPtr.Zero));
        length = (nuint)secret.Length;

        // The peer was validated in full when it was imported; validating it again is what this saves.
        if (derive.IsInvalid || DeriveInit(derive) != 1 || DeriveSetPeer(derive, peer, 0) != 1
            || Derive(derive, ref MemoryMarshal.GetReference(secret), ref length) != 1 || length != 32)
        {
            throw Failure("ECDH with the subscription's key failed.");
        }
    }

    private static OpenSslKey Generate()
    {
        using var context = new OpenSslContext(PkeyContextNewFromName(IntPtr.Zero, Ec, IntPtr.Zero));
        if (context.IsInvalid || KeygenInit(context) != 1 || SetGroupName(context, P256) != 1 || Generate(context, out var key) != 1)
        {
            throw Failure("Could not make a P-256 key pair.");
        }

        return new OpenSslKey(key);
    }

    private static CryptographicException Failure(string message)
    {
        // OpenSSL's error queue is per thread: leave nothing behind for .NET's next call to read.
        ClearErrors();
        return new CryptographicException(message);
    }

    private static bool SelfTest()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = other.ExportParameters(false).Q;
            byte[] otherPoint = [0x04, .. q.X!, .. q.Y!];
            using var peer = ImportPublic(otherPoint);
            Span<byte> mine = stackalloc byte[65];
            Span<byte> secret = stackalloc byte[32];
            AgreeWithFreshPair(peer, mine, secret);
            using var me = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = mine[1..33].ToArray(), Y = mine[33..].ToArray() },
            });
            using var mePublic = me.PublicKey;
            return secret.SequenceEqual(other.DeriveRawSecretAgreement(mePublic));
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or CryptographicException or BadImageFormatException)
        {
            return false;
        }
    }

    [DllImport(Library, EntryPoint = "EVP_PKEY_fromdata_init")]
    private static extern int FromDataInit(OpenSslContext context);

    [DllImport(Library, EntryPoint = "EVP_PKEY_fromdata")]
    private static extern int FromData(OpenSslContext context, out IntPtr key, int selection, [In] OsslParameter[] parameters);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_new")]
    private static extern IntPtr PkeyContextNew(OpenSslKey key, IntPtr engine);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_new_from_name")]
    private static extern IntPtr PkeyContextNewFromName(IntPtr libraryContext, byte[] name, IntPtr properties);

    [DllImport(Library, EntryPoint = "EVP_PKEY_public_check")]
    private static extern int PublicCheck(OpenSslContext context);

    [DllImport(Library, EntryPoint = "EVP_PKEY_keygen_init")]
    private static extern int KeygenInit(OpenSslContext context);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_set_group_name")]
    private static extern int SetGroupName(OpenSslContext context, byte[] name);

    [DllImport(Library, EntryPoint = "EVP_PKEY_generate")]
    private static extern int Generate(OpenSslContext context, out IntPtr key);

    [DllImport(Library, EntryPoint = "EVP_PKEY_get_octet_string_param")]
    private static extern int GetOctetStringParameter(OpenSslKey key, byte[] name, ref byte buffer, nuint size, out nuint length);

    [DllImport(Library, EntryPoint = "EVP_PKEY_derive_init")]
    private static extern int DeriveInit(OpenSslContext context);

    [DllImport(Library, EntryPoint = "EVP_PKEY_derive_set_peer_ex")]
    private static extern int DeriveSetPeer(OpenSslContext context, OpenSslKey peer, int validatePeer);

    [DllImport(Library, EntryPoint = "EVP_PKEY_derive")]
    private static extern int Derive(OpenSslContext context, ref byte secret, ref nuint length);

    [DllImport(Library, EntryPoint = "EVP_PKEY_free")]
    internal static extern void FreeKey(IntPtr key);

    [DllImport(Library, EntryPoint = "EVP_PKEY_CTX_free")]
    internal static extern void FreeContext(IntPtr context);

    [DllImport(Library, EntryPoint = "ERR_clear_error")]
    private static extern void ClearErrors();

    /// <summary>OpenSSL's <c>OSSL_PARAM</c>: a name, a type and a buffer; an all-zero one ends a list.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct OsslParameter(IntPtr key, uint dataType, IntPtr data, nuint dataSize)
    {
        public readonly IntPtr Key = key;
        public readonly uint DataType = dataType;
        public readonly IntPtr Data = data;
        public readonly nuint DataSize = dataSize;
        public readonly nuint ReturnSize;
    }

    /// <summary>C strings OpenSSL reads through <see cref="OsslParameter"/>s: allocated once, kept for the process.</summary>
    private static class Names
    {
        public static readonly IntPtr Group = Marshal.StringToCoTaskMemUTF8("group");
        public static readonly IntPtr PublicKey = Marshal.StringToCoTaskMemUTF8("pub");
        public static readonly IntPtr P256 = Marshal.StringToCoTaskMemUTF8("P-256");
    }
}
