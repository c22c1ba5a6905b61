using System.Security.Cryptography;
using System.Text.Json;
using System.Buffers.Text;

namespace EarlyWarning.Gateway.Push;

/// <summary>A VAPID key pair (RFC 8292): P-256, base64url without padding, as browsers and push services take them.</summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey)
{
    /// <summary>A fresh pair.</summary>
    public static VapidKeys Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D!));
    }

    /// <summary>
    /// Null when the pair is usable; otherwise why not (lengths, not on the curve, or the public key
    /// not the private key's).
    /// </summary>
    public string? Problem()
    {
        var publicKey = PushKeyText.Decode(PublicKey);
        var privateKey = PushKeyText.Decode(PrivateKey);
        if (publicKey is not { Length: 65 } || publicKey[0] != 0x04)
        {
            return "Push:PublicKey must be an uncompressed P-256 point, base64url (65 bytes).";
        }

        if (privateKey is not { Length: 32 })
        {
            return "Push:PrivateKey must be a P-256 private key, base64url (32 bytes).";
        }

        try
        {
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
            var q = key.ExportParameters(includePrivateParameters: false).Q;
            return publicKey.AsSpan(1).SequenceEqual([.. q.X!, .. q.Y!])
                ? null
                : "Push:PublicKey is not the public key of Push:PrivateKey.";
        }
        catch (CryptographicException)
        {
            return "Push:PrivateKey is not a valid P-256 private key.";
        }
    }

    /// <summary>The pair kept in <paramref name="path"/>, made and written there first if the file does not exist.</summary>
    public static VapidKeys LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var keys = Create();
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(keys, JsonFile));
        try
        {
            // Two processes starting at once: the first file stays, the other reads it.
            File.Move(temporary, path, overwrite: false);
            return keys;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return Read(path);
        }
    }

    /// <summary>The pair as JSON (the <c>vapid-keys</c> verb prints it).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonFile);

    private static VapidKeys Read(string path) =>
        JsonSerializer.Deserialize<VapidKeys>(File.ReadAllText(path), JsonFile)
        ?? throw new InvalidOperationException($"{path} holds no VAPID keys.");

    private static readonly JsonSerializerOptions JsonFile = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
