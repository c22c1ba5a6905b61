using EarlyWarning.Grains.Photos;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// Where hosted photos live. Whatever holds them must be shared by every gateway of a cluster:
/// one gateway takes the upload, any gateway serves it.
/// </summary>
public interface IPhotoStore
{
    Task Save(string photoId, StoredPhoto photo);

    /// <summary>One size, with its case; null when no photo has this id.</summary>
    Task<PhotoContent?> Read(string photoId, PhotoSize size);

    /// <summary>Size and digest without the bytes; null when no photo has this id.</summary>
    Task<PhotoInfo?> Describe(string photoId);

    Task Delete(string photoId);
}
