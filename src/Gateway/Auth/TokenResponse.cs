using System.Text.Json.Serialization;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// A signed-in account's token. <c>subscriberId</c> is always present, <c>null</c> for operators
/// and supervisors (API.md lists it among the fields; clients read it as a key).
/// </summary>
public sealed record TokenResponse(
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SubscriberId);
