using System.Buffers;

namespace EarlyWarning.Gateway.Partners;

/// <summary>Partner ids: <c>pt-</c> and 32 lower-case hex digits, checked before any grain is called.</summary>
public static class PartnerIds
{
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    public static string New() => "pt-" + Guid.NewGuid().ToString("N");

    public static bool IsValid(string? id) =>
        id is { Length: 35 } && id.StartsWith("pt-", StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept(Hex);
}
