namespace EarlyWarning.Gateway.Auth;

/// <summary>Token signing and accounts.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of text. Required outside Development; Development makes one per run.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "earlywarning";

    public string Audience { get; set; } = "earlywarning";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan SubscriberTokenLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Watch radius of field teams, km.</summary>
    public double FieldWatchRadiusKm { get; set; } = 10;

    /// <summary>Alert language of field teams unless an account says otherwise.</summary>
    public string FieldLanguage { get; set; } = "mk";

    /// <summary>
    /// Whether field teams receive exercises (drills); on by default, since drills are part of a
    /// field team's work. Off keeps every exercise away from the teams' phones.
    /// </summary>
    public bool FieldExercises { get; set; } = true;

    /// <summary>Enables the demo accounts of API.md (Development and <c>--demo</c> turn it on).</summary>
    public bool DemoAccounts { get; set; }

    /// <summary>Accounts from configuration, with hashed passwords (see <see cref="PasswordHasher"/>).</summary>
    public List<AccountOptions> Accounts { get; set; } = [];
}

/// <summary>One configured account.</summary>
public sealed class AccountOptions
{
    public string Username { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c>, as <see cref="PasswordHasher.Hash"/> writes it.</summary>
    public string PasswordHash { get; set; } = "";

    public string Role { get; set; } = "";

    public string? Language { get; set; }
}
