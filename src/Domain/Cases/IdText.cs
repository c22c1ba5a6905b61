namespace EarlyWarning.Domain.Cases;

/// <summary>The characters ids may hold (<see cref="CaseId"/>, <see cref="SightingId"/>).</summary>
internal static class IdText
{
    /// <summary>Lower-case ASCII letters, digits and hyphens only.</summary>
    public static bool IsLowerSlug(ReadOnlySpan<char> text)
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

    /// <summary>ASCII letters, digits, hyphens and underscores only.</summary>
    public static bool IsToken(ReadOnlySpan<char> text)
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
