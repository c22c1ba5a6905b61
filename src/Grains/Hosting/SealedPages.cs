using Orleans.Storage;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// Append-only entries of a grain in storage: every full page of them is written once, as a
/// record of its own (<c>{name}-{page}</c>), and only the open tail rides in the grain's record, so
/// a write costs the same for the 10th entry as for the 50 000th. The grain's record counts the
/// sealed pages and is written after them.
/// </summary>
/// <remarks>
/// A crash between a page and the record that counts it leaves a page no record counts: the next
/// seal overwrites it, and a purge clears it (<see cref="ClearUncounted{T}"/>).
/// </remarks>
public sealed class SealedPages(IGrainStorage storage, GrainId grain)
{
    private readonly Dictionary<string, string?> _eTags = [];

    /// <summary>The entries of the first <paramref name="pages"/> pages of <paramref name="name"/>, in order.</summary>
    public async Task<List<T>> Read<T>(string name, int pages)
    {
        var reads = await Task.WhenAll(Enumerable.Range(0, pages).Select(async page =>
        {
            var state = new GrainState<SealedPage<T>>(new SealedPage<T>());
            await storage.ReadStateAsync(StateName(name, page), grain, state);
            _eTags[StateName(name, page)] = state.ETag;
            return state.State?.Entries ?? throw new InvalidOperationException($"Page {page} of {name} of {grain} is missing.");
        }));
        return [.. reads.SelectMany(p => p)];
    }

    /// <summary>Writes every full page of <paramref name="entries"/> after the first <paramref name="sealedPages"/>; returns the pages now sealed.</summary>
    public async Task<int> Seal<T>(string name, List<T> entries, int sealedPages, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var full = entries.Count / pageSize;
        for (var page = sealedPages; page < full; page++)
        {
            await Write(name, page, entries.GetRange(page * pageSize, pageSize));
        }

        return Math.Max(full, sealedPages);
    }

    /// <summary>Writes (or rewrites) one page.</summary>
    public async Task Write<T>(string name, int page, List<T> entries)
    {
        var key = StateName(name, page);
        var state = new GrainState<SealedPage<T>>(new SealedPage<T> { Entries = entries }, _eTags.GetValueOrDefault(key));
        try
        {
            await storage.WriteStateAsync(key, grain, state);
        }
        catch (InconsistentStateException)
        {
            // A page sealed just before a crash, which no record counts: it is overwritten.
            var stale = new GrainState<SealedPage<T>>(new SealedPage<T>());
            await storage.ReadStateAsync(key, grain, stale);
            state.ETag = stale.ETag;
            await storage.WriteStateAsync(key, grain, state);
        }

        _eTags[key] = state.ETag;
    }

    /// <summary>
    /// Clears the pages of <paramref name="name"/> from <paramref name="firstPage"/> on, up to the
    /// first missing one: pages sealed before a crash that no record counts. The next seal would
    /// overwrite them, but only if the entries grow again; a purge must not leave their text behind.
    /// </summary>
    public async Task ClearUncounted<T>(string name, int firstPage)
    {
        for (var page = firstPage; ; page++)
        {
            var key = StateName(name, page);
            var state = new GrainState<SealedPage<T>>(new SealedPage<T>());
            await storage.ReadStateAsync(key, grain, state);
            if (!state.RecordExists)
            {
                return;
            }

            await storage.ClearStateAsync(key, grain, state);
            _eTags.Remove(key);
        }
    }

    private static string StateName(string name, int page) => $"{name}-{page}";
}
