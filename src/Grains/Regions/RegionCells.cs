using EarlyWarning.Domain.Regions;
using Orleans.Storage;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// A tile's subscribers in storage, one record per grid cell of its <see cref="SubscriberIndex"/>,
/// so a move rewrites the one or two cells it touched instead of the whole tile.
/// </summary>
internal sealed class RegionCells(IGrainStorage storage, GrainId region, int cellCount)
{
    private readonly string?[] _eTags = new string?[cellCount];

    /// <summary>Reads every cell into <paramref name="index"/>.</summary>
    public async Task LoadInto(SubscriberIndex index)
    {
        var reads = Enumerable.Range(0, _eTags.Length).Select(async cell =>
        {
            var state = new GrainState<RegionCellState>(new RegionCellState());
            await storage.ReadStateAsync(StateName(cell), region, state);
            _eTags[cell] = state.ETag;
            return state.State?.Subscribers ?? [];
        });
        var cells = await Task.WhenAll(reads);
        index.EnsureRoomFor(cells.Sum(c => c.Count));
        foreach (var subscribers in cells)
        {
            foreach (var s in subscribers)
            {
                index.Upsert(s.ToIndexed());
            }
        }
    }

    /// <summary>Writes the given cells as <paramref name="index"/> holds them now.</summary>
    public Task Write(SubscriberIndex index, IEnumerable<int> cells) =>
        Task.WhenAll(cells.Where(c => c >= 0).Distinct().Select(async cell =>
        {
            var subscribers = index.InCell(cell).Select(RegionSubscriber.From).ToList();
            var state = new GrainState<RegionCellState>(new RegionCellState { Subscribers = subscribers }, _eTags[cell]);
            await storage.WriteStateAsync(StateName(cell), region, state);
            _eTags[cell] = state.ETag;
        }));

    private static string StateName(int cell) => $"region-cell-{cell}";
}
