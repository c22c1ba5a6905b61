using EarlyWarning.Grains.Photos;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// Photos in <see cref="IPhotoGrain"/>s, so in the grain storage the host configured: the SQLite
/// file of an embedded gateway, Redis in a cluster (every gateway serves the same photo), memory
/// in tests and the demo.
/// </summary>
public sealed class GrainPhotoStore(IGrainFactory grains) : IPhotoStore
{
    public Task Save(string photoId, StoredPhoto photo) => Grain(photoId).Store(photo);

    public Task<PhotoContent?> Read(string photoId, PhotoSize size) => Grain(photoId).Read(size);

    public Task<PhotoInfo?> Describe(string photoId) => Grain(photoId).GetInfo();

    public Task Delete(string photoId) => Grain(photoId).Delete();

    private IPhotoGrain Grain(string photoId) => grains.GetGrain<IPhotoGrain>(photoId);
}
