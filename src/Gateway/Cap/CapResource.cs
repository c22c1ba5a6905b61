namespace EarlyWarning.Gateway.Cap;

/// <summary>
/// A CAP 1.2 <c>resource</c>: the child's hosted photo. <paramref name="Size"/> is in bytes and
/// <paramref name="Sha1"/> (hex) the digest of exactly the bytes <paramref name="Uri"/> serves.
/// </summary>
public sealed record CapResource(string Description, string MimeType, long Size, string Uri, string Sha1);
