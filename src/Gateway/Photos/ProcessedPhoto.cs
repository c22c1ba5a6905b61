namespace EarlyWarning.Gateway.Photos;

/// <summary>An upload decoded and re-encoded: the phone size (<paramref name="Width"/> × <paramref name="Height"/>) and the map thumbnail, both JPEG.</summary>
public sealed record ProcessedPhoto(byte[] Phone, byte[] Map, int Width, int Height);
