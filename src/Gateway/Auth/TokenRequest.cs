namespace EarlyWarning.Gateway.Auth;

public sealed record TokenRequest(string? Username, string? Password);
