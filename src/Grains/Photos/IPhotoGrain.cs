namespace EarlyWarning.Grains.Photos;

/// <summary>
/// One hosted photo (key: its random id, never the case id, so its URL cannot be guessed). The
/// bytes live in grain storage, so every gateway of a cluster serves the same photo.
/// </summary>
[Alias("ew.IPhotoGrain")]
public interface IPhotoGrain : IGrainWithStringKey
{
    /// <summary>Stores the photo; storing it again replaces it.</summary>
    [Alias("store")]
    Task Store(StoredPhoto photo);

    /// <summary>One size of the photo, or null when none is stored under this id.</summary>
    [Alias("read")]
    Task<PhotoContent?> Read(PhotoSize size);

    /// <summary>What the photo is (its served size's length and SHA-1), or null.</summary>
    [Alias("info")]
    Task<PhotoInfo?> GetInfo();

    /// <summary>Deletes the photo (replaced by a newer one, or purged); deleting none is not an error.</summary>
    [Alias("delete")]
    Task Delete();
}
