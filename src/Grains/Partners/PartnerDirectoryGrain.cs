using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Partners;

/// <inheritdoc cref="IPartnerDirectoryGrain" />
public sealed class PartnerDirectoryGrain(
    [PersistentState("partner-directory", StorageNames.Default)] IPersistentState<Dictionary<string, PartnerProfile>> state)
    : Grain, IPartnerDirectoryGrain
{
    /// <inheritdoc />
    public async Task Upsert(PartnerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        state.State[profile.Id] = profile;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<bool> Remove(string partnerId)
    {
        if (!state.State.Remove(partnerId))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<PartnerProfile[]> List() => Task.FromResult(state.State.Values.OrderBy(p => p.CreatedAt).ToArray());
}
