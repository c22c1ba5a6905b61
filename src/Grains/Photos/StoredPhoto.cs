namespace EarlyWarning.Grains.Photos;

/// <summary>
/// A case's photo as the system holds it: re-encoded (no metadata survives), in the sizes made
/// once at upload. <paramref name="Width"/>, <paramref name="Height"/>, <paramref name="Sha1"/> (lower-case hex) and the length are of
/// <paramref name="Phone"/>, the bytes the photo's URL serves and CAP's <c>resource</c> describes.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.stored-photo")]
public sealed record StoredPhoto(
    string CaseId,
    string ContentType,
    byte[] Phone,
    byte[] Map,
    int Width,
    int Height,
    string Sha1,
    DateTimeOffset StoredAt);
