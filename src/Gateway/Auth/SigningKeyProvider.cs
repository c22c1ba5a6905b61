using System.Security.Cryptography;
using System.Text;
using EarlyWarning.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// The token signing key. Outside Development a configured key of at least 32 bytes is required.
/// In Development without one: when the embedded silo keeps its state in a file, a random key made
/// once and kept beside that file (<see cref="DevelopmentKeyFile"/>), so a subscriber's token
/// outlives a restart as its subscription does; otherwise a random key per run (tokens then die
/// with the process, as the state does).
/// </summary>
public sealed class SigningKeyProvider
{
    /// <summary>The kept Development key's file name, in the SQLite file's folder.</summary>
    public const string DevelopmentKeyFile = "signing-key";

    public SigningKeyProvider(
        IOptions<AuthOptions> options, IHostEnvironment environment, IOptions<OrleansOptions> orleans, IOptions<StorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(orleans);
        ArgumentNullException.ThrowIfNull(storage);
        var configured = options.Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment() && !options.Value.DemoAccounts)
            {
                throw new InvalidOperationException("Auth:SigningKey is required outside Development (at least 32 bytes).");
            }

            Key = new SymmetricSecurityKey(orleans.Value.IsEmbedded && storage.Value.IsSqlite
                ? LoadOrCreate(Path.Combine(Path.GetDirectoryName(storage.Value.FullPath(environment.ContentRootPath))!, DevelopmentKeyFile))
                : RandomNumberGenerator.GetBytes(32));
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        }

        Key = new SymmetricSecurityKey(bytes);
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>The 32 random bytes kept in <paramref name="path"/> (readable by this user only), made on first use.</summary>
    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: 32 } kept)
        {
            return kept;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var file = File.Create(temporary))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            file.Write(key);
        }

        File.Move(temporary, path, overwrite: true);
        return key;
    }
}
