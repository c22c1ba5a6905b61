namespace EarlyWarning.Grains.Photos;

/// <summary>The persisted state of a photo. Ids are stable: never renumber them once stored.</summary>
[GenerateSerializer, Alias("ew.photo-state")]
public sealed class PhotoState
{
    /// <summary>The photo; null before it is stored and after it is deleted.</summary>
    [Id(0)] public StoredPhoto? Photo { get; set; }
}
