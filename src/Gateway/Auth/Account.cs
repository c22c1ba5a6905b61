using System.Security.Cryptography;
using System.Text;

namespace EarlyWarning.Gateway.Auth;

/// <summary>A user who can sign in. Field accounts receive alerts under their username as subscriber id.</summary>
public sealed record Account(string Username, string PasswordHash, string Role, string Language)
{
    public string? SubscriberId => Role == Roles.Field ? Username : null;

    /// <summary>
    /// Carried by the account's tokens and compared on every request: a new password, another role
    /// or a removed account leaves every token issued before unusable.
    /// </summary>
    public string Stamp { get; init; } = StampOf(Username, PasswordHash, Role);

    /// <summary>
    /// A demo account: its stamp is the same in every process (its hash is salted afresh in each),
    /// so a token signed in on one gateway of a cluster passes on the others, which share the key.
    /// </summary>
    public static Account Demo(string username, string password, string passwordHash, string role, string language) =>
        new(username, passwordHash, role, language) { Stamp = StampOf(username, $"demo:{password}", role) };

    private static string StampOf(string username, string passwordHash, string role)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{username.ToUpperInvariant()}\n{passwordHash}\n{role}"));
        return Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
