using EarlyWarning.Domain.Regions;
using Orleans.Storage;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// A tile's subscribers in storage, one record per grid cell of its <see cref="SubscriberIndex"/>,
/// so a move rewrites the one or two cells it touched instead of the whole tile; and one record of
/// the tile's latest arrivals, so a subscriber new to a crowded cell costs a write of the arrivals
/// (at most <see cref="ArrivalsLimit"/>) instead of its cell (~6 000 in a dense town: the rewrite
/// was most of a silo's CPU while people subscribed). Every <see cref="ArrivalsLimit"/> arrivals
/// are folded into their cells and the record starts again.
/// </summary>
/// <remarks>
/// On load the arrivals go in first and the cells after them: a cell is always written from the
/// index as it stands, so when it holds an arrival it holds that arrival's later state (a move, a
/// push flag). Only a removal must rewrite the arrivals too, or the removed would come back.
/// </remarks>
internal sealed class RegionCells(IGrainStorage storage, GrainId region, int cellCount)
{
    /// <summary>How many arrivals the record holds before they are folded into their cells.</summary>
    public const int ArrivalsLimit = 256;

    private const string ArrivalsName = "region-arrivals";

    private readonly string?[] _eTags = new string?[cellCount];
    private readonly HashSet<string> _arrivals = [];
    private string? _arrivalsETag;

    /// <summary>Reads the arrivals and then every cell into <paramref name="index"/>.</summary>
    public async Task LoadInto(SubscriberIndex index)
    {
        var arrivals = new GrainState<RegionCellState>(new RegionCellState());
        var reads = Enumerable.Range(0, _eTags.Length).Select(async cell =>
        {
            var state = new GrainState<RegionCellState>(new RegionCellState());
            await storage.ReadStateAsync(StateName(cell), region, state);
            _eTags[cell] = state.ETag;
            return state.State?.Subscribers ?? [];
        });
        var arrivalsRead = storage.ReadStateAsync(ArrivalsName, region, arrivals);
        var cells = await Task.WhenAll(reads);
        await arrivalsRead;
        _arrivalsETag = arrivals.ETag;
        var arrived = arrivals.State?.Subscribers ?? [];
        index.EnsureRoomFor(cells.Sum(c => c.Count) + arrived.Count);
        foreach (var s in arrived)
        {
            index.Upsert(s.ToIndexed());
            _arrivals.Add(s.Id);
        }

        foreach (var subscribers in cells)
        {
            foreach (var s in subscribers)
            {
                index.Upsert(s.ToIndexed());
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="id"/>, new to the tile and already in <paramref name="index"/>: in the
    /// arrivals record, or, when that is full, in the cells of every arrival (and the record emptied).
    /// </summary>
    public async Task Arrive(SubscriberIndex index, string id)
    {
        _arrivals.Add(id);
        if (_arrivals.Count < ArrivalsLimit)
        {
            await WriteArrivals(index);
            return;
        }

        var cells = new HashSet<int>();
        foreach (var arrival in _arrivals)
        {
            if (index.TryGetCell(arrival, out var cell))
            {
                cells.Add(cell);
            }
        }

        // The cells first: a crash before the arrivals are emptied leaves them stored twice, alike.
        await Write(index, cells);
        _arrivals.Clear();
        await WriteArrivals(index);
    }

    /// <summary>
    /// Stores the removal of <paramref name="id"/> (already gone from <paramref name="index"/>) from
    /// <paramref name="cell"/>, and from the arrivals when it was one.
    /// </summary>
    public async Task Removed(SubscriberIndex index, string id, int cell)
    {
        await Write(index, [cell]);
        if (_arrivals.Remove(id))
        {
            await WriteArrivals(index);
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

    private async Task WriteArrivals(SubscriberIndex index)
    {
        var subscribers = new List<RegionSubscriber>(_arrivals.Count);
        foreach (var id in _arrivals)
        {
            if (index.TryGet(id, out var held))
            {
                subscribers.Add(RegionSubscriber.From(held));
            }
        }

        var state = new GrainState<RegionCellState>(new RegionCellState { Subscribers = subscribers }, _arrivalsETag);
        await storage.WriteStateAsync(ArrivalsName, region, state);
        _arrivalsETag = state.ETag;
    }

    private static string StateName(int cell) => $"region-cell-{cell}";
}
