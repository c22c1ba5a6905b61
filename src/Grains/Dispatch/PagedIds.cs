using EarlyWarning.Grains.Hosting;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// One of a tally's sets of subscriber ids: whole in memory, and in storage every
/// <see cref="PageSize"/> ids sealed into a page written once (<see cref="SealedPages"/>), only the
/// open tail riding in the tally's record. A tally at 100 000 subscribers then writes a few
/// thousand ids a flush, not four sets of 100 000. Ids are stable.
/// </summary>
[GenerateSerializer, Alias("ew.paged-ids")]
public sealed class PagedIds
{
    /// <summary>Ids per sealed page.</summary>
    public const int PageSize = 1024;

    // Not stored: rebuilt from the pages and the open tail when the tally activates.
    [NonSerialized] private readonly HashSet<string> _all = [];
    [NonSerialized] private readonly List<string> _inOrder = [];

    /// <summary>Ids not yet in a sealed page, in the order they came.</summary>
    [Id(0)] public List<string> Open { get; set; } = [];

    /// <summary>How many pages are sealed.</summary>
    [Id(1)] public int SealedPageCount { get; set; }

    /// <summary>Distinct ids held.</summary>
    public int Count => _all.Count;

    /// <summary>Adds <paramref name="id"/>; false when it was already held.</summary>
    public bool Add(string id)
    {
        if (!_all.Add(id))
        {
            return false;
        }

        _inOrder.Add(id);
        return true;
    }

    /// <summary>Reads the sealed pages of <paramref name="name"/> and the open tail, then <paramref name="unpaged"/> (ids an earlier version stored whole).</summary>
    internal async Task Load(SealedPages pages, string name, IEnumerable<string> unpaged)
    {
        var sealedIds = await pages.Read<string>(name, SealedPageCount);
        foreach (var id in sealedIds.Concat(Open).Concat(unpaged))
        {
            Add(id);
        }
    }

    /// <summary>Before the tally's record is written: seals every full page, leaves the rest open.</summary>
    internal async Task Seal(SealedPages pages, string name)
    {
        SealedPageCount = await pages.Seal(name, _inOrder, SealedPageCount, PageSize);
        Open = _inOrder[(SealedPageCount * PageSize)..];
    }
}
