using System.Buffers;
using System.Security.Cryptography;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// A hosted photo's id and URL. The id is 128 random bits, not the case id, so a photo's URL
/// can be neither guessed nor derived from a case; the URL is relative to the gateway, so every
/// gateway of a cluster (and whatever name it is reached by) serves it.
/// </summary>
public static class PhotoUrls
{
    public const string Prefix = "/api/photos/";

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>A new photo id: <c>p-</c> and 32 hex digits from a cryptographic generator.</summary>
    public static string NewId() => "p-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the form <see cref="NewId"/> mints.</summary>
    public static bool IsPhotoId(string? id) =>
        id is { Length: 34 } && id.StartsWith("p-", StringComparison.Ordinal) && !id.AsSpan(2).ContainsAnyExcept(HexDigits);

    /// <summary>The URL of the size phones show.</summary>
    public static string For(string photoId) => Prefix + photoId;

    /// <summary>The URL of the map thumbnail.</summary>
    public static string MapFor(string photoId) => Prefix + photoId + "/map";

    /// <summary>The photo id of a hosted photo's URL; null for any other URL (an outside host's, say).</summary>
    public static string? IdOf(string? photoUrl) =>
        photoUrl is not null && photoUrl.StartsWith(Prefix, StringComparison.Ordinal) && IsPhotoId(photoUrl[Prefix.Length..])
            ? photoUrl[Prefix.Length..]
            : null;
}
