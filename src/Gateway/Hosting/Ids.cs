namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// The forms an id may take at the HTTP and hub boundary, checked before any grain is called:
/// a grain key is any string, so a space, a dot or a megabyte would otherwise become a grain.
/// </summary>
public static class Ids
{
    /// <summary>Longest case id: <c>c-</c> and 32 hex digits as minted, with room for named ones (<c>c-demo-20261123</c>).</summary>
    public const int MaxCaseIdLength = 64;

    /// <summary>A case id: <c>c-</c> then lower-case letters, digits and hyphens, at most <see cref="MaxCaseIdLength"/> characters in all.</summary>
    public static bool IsCaseId(string? id) =>
        id is { Length: > 2 and <= MaxCaseIdLength } && id.StartsWith("c-", StringComparison.Ordinal) && IsLowerSlug(id.AsSpan(2));

    /// <summary>A case id the gateway mints: <c>c-</c> and a version 7 GUID's 32 hex digits.</summary>
    public static string NewCaseId() => "c-" + Guid.CreateVersion7().ToString("N");

    /// <summary>A sighting id the gateway mints: <c>s-</c> and a version 7 GUID's 32 hex digits.</summary>
    public static string NewSightingId() => "s-" + Guid.CreateVersion7().ToString("N");

    /// <summary>Longest sighting id a client may choose (API.md lets it send its own, for retries).</summary>
    public const int MaxSightingIdLength = 100;

    /// <summary>
    /// A sighting id: 1 to <see cref="MaxSightingIdLength"/> ASCII letters, digits, hyphens and
    /// underscores — what the gateway mints (<c>s-</c> and 32 hex digits), a client's GUID
    /// (<c>crypto.randomUUID()</c>) or any other id a client of API.md chose. No space, dot, slash,
    /// brace or escape, so it is safe as a route segment and as a grain key's part.
    /// </summary>
    public static bool IsSightingId(string? id) =>
        id is { Length: > 0 and <= MaxSightingIdLength } && IsToken(id);

    private static bool IsLowerSlug(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
