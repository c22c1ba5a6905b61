namespace EarlyWarning.Gateway.Auth;

/// <summary>The roles of API.md, plus <c>subscriber</c> for public subscription tokens.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Field = "field";
    public const string Subscriber = "subscriber";

    /// <summary>The roles an account may have.</summary>
    public static IReadOnlyList<string> AccountRoles { get; } = [Operator, Supervisor, Field];
}
