using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Photos;

/// <inheritdoc cref="IPhotoGrain" />
// Read in bursts when an alert goes out, then idle: it leaves memory soon (storage keeps it).
[CollectionAgeLimit(Minutes = 5)]
public sealed class PhotoGrain(
    [PersistentState("photo", StorageNames.Default)] IPersistentState<PhotoState> state) : Grain, IPhotoGrain
{
    /// <inheritdoc />
    public async Task Store(StoredPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        state.State.Photo = photo;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<PhotoContent?> Read(PhotoSize size) => Task.FromResult(
        state.State.Photo is { } p
            ? new PhotoContent(p.CaseId, p.ContentType, size == PhotoSize.Map ? p.Map : p.Phone)
            : null);

    /// <inheritdoc />
    public Task<PhotoInfo?> GetInfo() => Task.FromResult(
        state.State.Photo is { } p ? new PhotoInfo(p.CaseId, p.ContentType, p.Phone.LongLength, p.Sha1, p.Width, p.Height) : null);

    /// <inheritdoc />
    public async Task Delete()
    {
        if (state.State.Photo is not null)
        {
            await state.ClearStateAsync();
        }
    }
}
