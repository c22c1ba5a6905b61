using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// The token signing key. Outside Development a configured key of at least 32 bytes is required;
/// in Development a random key is made per run (tokens then die with the process).
/// </summary>
public sealed class SigningKeyProvider
{
    public SigningKeyProvider(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment() && !options.Value.DemoAccounts)
            {
                throw new InvalidOperationException("Auth:SigningKey is required outside Development (at least 32 bytes).");
            }

            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
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
}
