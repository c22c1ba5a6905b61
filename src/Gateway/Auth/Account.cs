namespace EarlyWarning.Gateway.Auth;

/// <summary>A user who can sign in. Field accounts receive alerts under their username as subscriber id.</summary>
public sealed record Account(string Username, string PasswordHash, string Role, string Language)
{
    public string? SubscriberId => Role == Roles.Field ? Username : null;
}
