namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// The answer to an upload: where the photo is served (<paramref name="PhotoUrl"/>, now the case's
/// <c>child.photoUrl</c>; <paramref name="MapUrl"/> the thumbnail), and what the served bytes are.
/// </summary>
public sealed record PhotoView(string PhotoUrl, string MapUrl, string ContentType, int Width, int Height, long Size, string Sha1);
