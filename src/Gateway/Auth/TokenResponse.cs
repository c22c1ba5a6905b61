namespace EarlyWarning.Gateway.Auth;

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string Role, string? SubscriberId);
