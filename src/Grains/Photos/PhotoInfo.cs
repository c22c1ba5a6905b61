namespace EarlyWarning.Grains.Photos;

/// <summary>What a photo is, without its bytes: enough for CAP's <c>resource</c> (size and SHA-1 of the served bytes).</summary>
[GenerateSerializer, Immutable, Alias("ew.photo-info")]
public sealed record PhotoInfo(string CaseId, string ContentType, long Size, string Sha1, int Width, int Height);
