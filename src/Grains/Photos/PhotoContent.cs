namespace EarlyWarning.Grains.Photos;

/// <summary>One size of a photo, with the case it belongs to (whose status decides who may see it).</summary>
[GenerateSerializer, Immutable, Alias("ew.photo-content")]
public sealed record PhotoContent(string CaseId, string ContentType, byte[] Bytes);
