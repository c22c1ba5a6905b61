using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Regions;

/// <summary>
/// The subscribers of one tile in flat arrays over a grid of cells, so matching a zone visits
/// only the cells it can reach, takes cells it covers whole without any trigonometry, and checks
/// points one by one only along its edge. Not thread-safe: a region grain owns one.
/// </summary>
public sealed class SubscriberIndex
{
    // Inside a covered cell every point is at distance 0; the margin absorbs rounding at corners.
    private const double CoverMarginKm = 0.001;

    private readonly double _south;
    private readonly double _west;
    private readonly double _cellLat;
    private readonly double _cellLon;
    private readonly int _side;
    private readonly SlotTable _slotOf = new();
    private readonly Cell[] _cells;

    // By slot: the ids apart from the rest, so matching reads only the 40-byte entries.
    private SubscriberKey[] _keys = new SubscriberKey[16];
    private Entry[] _entries = new Entry[16];

    // By slot: the id as text once an alert needed it, so every later push to the same subscriber
    // reuses it (the ledger holds that same string) instead of making 100 000 new ones a push.
    private string?[] _idTexts = new string?[16];

    // The language codes this tile has seen; an entry holds the index of its own.
    private readonly List<string> _languages = [];

    /// <summary>An index over the rectangle south–north, west–east (degrees), cut into <paramref name="side"/>² cells.</summary>
    public SubscriberIndex(double south, double west, double north, double east, int side = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        _south = south;
        _west = west;
        _side = side;
        _cellLat = (north - south) / side;
        _cellLon = (east - west) / side;
        _cells = new Cell[side * side];
        for (var i = 0; i < _cells.Length; i++)
        {
            _cells[i] = new Cell();
        }
    }

    /// <summary>An index over a map tile.</summary>
    public static SubscriberIndex For(TileKey tile, int side = 16) => new(tile.SouthLat, tile.WestLon, tile.NorthLat, tile.EastLon, side);

    /// <summary>How many subscribers the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>The largest watch radius in the tile (km); never shrinks, so it is safe to prune with.</summary>
    public double MaxWatchRadiusKm { get; private set; }

    /// <summary>The subscriber at a slot that <see cref="Match"/> returned (valid until the next change).</summary>
    public IndexedSubscriber this[int slot] => ToSubscriber(slot, _idTexts[slot] ??= _keys[slot].ToString());

    /// <summary>
    /// Lets go of the text kept for <paramref name="id"/> (see the indexer), e.g. once the last
    /// case that alerted it has ended; the next alert makes it again.
    /// </summary>
    public void ForgetIdText(string id)
    {
        if (_slotOf.TryFind(SubscriberKey.Of(id), _keys, out var slot))
        {
            _idTexts[slot] = null;
        }
    }

    /// <summary>
    /// Marks whether the subscriber has a Web Push subscription; false when it is not here.
    /// <paramref name="cell"/> is the cell to store again.
    /// </summary>
    public bool SetPush(string id, bool push, out int cell)
    {
        var found = _slotOf.TryFind(SubscriberKey.Of(id), _keys, out var slot);
        cell = found ? _entries[slot].Cell : -1;
        if (found)
        {
            _entries[slot].Push = push;
        }

        return found;
    }

    /// <summary>The kind of the subscriber at a slot (no copy of its id).</summary>
    public SubscriberKind KindAt(int slot) => _entries[slot].Kind;

    /// <summary>Whether the subscriber at a slot opted in to exercises (no copy of its id).</summary>
    public bool ExercisesAt(int slot) => _entries[slot].Exercises;

    /// <summary>How many cells the grid has; cells are numbered from 0.</summary>
    public int CellCount => _cells.Length;

    /// <summary>
    /// Adds the subscriber, or moves and updates it when its id is already here. Returns the cell
    /// it is in now and the cell it left (the same when it stayed; -1 when it is new).
    /// </summary>
    public (int Cell, int LeftCell) Upsert(IndexedSubscriber subscriber)
    {
        var key = SubscriberKey.Of(subscriber.Id);
        var cell = CellOf(subscriber.Lat, subscriber.Lon);
        if (_slotOf.TryFind(key, _keys, out var slot))
        {
            var left = _entries[slot].Cell;
            if (left != cell)
            {
                RemoveFromCell(slot);
                AddToCell(slot, cell);
            }

            Hold(slot, subscriber);
            Widen(cell, subscriber.WatchRadiusKm);
            return (cell, left);
        }

        slot = Count++;
        if (slot == _entries.Length)
        {
            Resize(_entries.Length * 2);
        }

        _keys[slot] = key;
        _entries[slot] = new Entry { Cell = -1 };
        Hold(slot, subscriber);
        _slotOf.Add(key, slot, _keys);
        AddToCell(slot, cell);
        Widen(cell, subscriber.WatchRadiusKm);
        return (cell, -1);
    }

    /// <summary>Makes room for <paramref name="more"/> subscribers at once (a bulk placement), so the arrays are not left half empty by doubling.</summary>
    public void EnsureRoomFor(int more)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(more);
        if (Count + more > _entries.Length)
        {
            // Never less than half as much again, so many small batches still grow geometrically.
            Resize(Math.Max(Count + more, _entries.Length + (_entries.Length / 2)));
        }

        _slotOf.EnsureCapacity(Count + more, _keys);
    }

    /// <summary>The cell a subscriber with this id is in, if here.</summary>
    public bool TryGetCell(string id, out int cell)
    {
        var found = _slotOf.TryFind(SubscriberKey.Of(id), _keys, out var slot);
        cell = found ? _entries[slot].Cell : -1;
        return found;
    }

    /// <summary>The subscribers in one cell (a unit the region stores on its own).</summary>
    public IEnumerable<IndexedSubscriber> InCell(int cell)
    {
        var target = _cells[cell];
        for (var i = 0; i < target.Count; i++)
        {
            var slot = target.Slots[i];
            yield return ToSubscriber(slot, IdText(slot));
        }
    }

    /// <summary>Removes the subscriber; false when it is not here.</summary>
    public bool Remove(string id)
    {
        var key = SubscriberKey.Of(id);
        if (!_slotOf.TryFind(key, _keys, out var slot))
        {
            return false;
        }

        _slotOf.Remove(key, _keys);
        RemoveFromCell(slot);
        var last = --Count;
        if (slot != last)
        {
            // The last entry fills the hole, so the arrays stay dense.
            _entries[slot] = _entries[last];
            _keys[slot] = _keys[last];
            _idTexts[slot] = _idTexts[last];
            _slotOf.Repoint(_keys[slot], last, slot);
            _cells[_entries[slot].Cell].Slots[_entries[slot].PositionInCell] = slot;
        }

        _entries[last] = default;
        _keys[last] = default;
        _idTexts[last] = null;
        return true;
    }

    /// <summary>The subscriber with this id, if here (carrying the caller's <paramref name="id"/>, not a copy).</summary>
    public bool TryGet(string id, out IndexedSubscriber subscriber)
    {
        var found = _slotOf.TryFind(SubscriberKey.Of(id), _keys, out var slot);
        subscriber = found ? ToSubscriber(slot, id) : default;
        return found;
    }

    /// <summary>The slot of the subscriber with this id (valid until the next change).</summary>
    public bool TryGetSlot(string id, out int slot) => _slotOf.TryFind(SubscriberKey.Of(id), _keys, out slot);

    /// <summary>Every subscriber, in slot order.</summary>
    public IEnumerable<IndexedSubscriber> All()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return ToSubscriber(i, IdText(i));
        }
    }

    /// <summary>
    /// Adds to <paramref name="matches"/> every subscriber eligible for <paramref name="level"/> and
    /// within its watch radius of <paramref name="zone"/>, as a slot and its distance to the zone;
    /// for an <paramref name="exercise"/>, only those opted in to exercises.
    /// The same set, distances included, as <see cref="ZoneMatcher"/> over every subscriber.
    /// </summary>
    public void Match(Zone zone, CaseLevel level, List<ZoneMatch> matches, bool exercise = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(matches);
        if (Count == 0 || !MayReach(zone))
        {
            return;
        }

        for (var c = 0; c < _cells.Length; c++)
        {
            var cell = _cells[c];
            if (cell.Count == 0)
            {
                continue;
            }

            var (south, west, north, east) = Bounds(c);
            var reach = CellReach(zone, cell.MaxWatchRadiusKm, south, west, north, east);
            if (reach == Reach.None)
            {
                continue;
            }

            for (var i = 0; i < cell.Count; i++)
            {
                var slot = cell.Slots[i];
                ref readonly var s = ref _entries[slot];
                if (!Eligibility.MayReceive(s.Kind, level, exercise, s.Exercises))
                {
                    continue;
                }

                if (reach == Reach.Whole)
                {
                    matches.Add(new ZoneMatch(slot, 0));
                }
                else if (zone.Reaches(new GeoPoint(s.Lat, s.Lon), s.WatchRadiusKm, out var distanceKm))
                {
                    matches.Add(new ZoneMatch(slot, distanceKm));
                }
            }
        }
    }

    /// <summary>
    /// False when no point of the whole index rectangle is within a circle plus the largest watch
    /// radius: most tiles a far zone is pushed to answer with one distance per circle.
    /// </summary>
    public bool MayReach(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var north = _south + (_side * _cellLat);
        var east = _west + (_side * _cellLon);
        foreach (var circle in zone.ShapingCircles)
        {
            if (TileCover.DistanceToRectKm(circle.Centre, _south, _west, north, east) <= circle.RadiusKm + MaxWatchRadiusKm)
            {
                return true;
            }
        }

        return false;
    }

    private static Reach CellReach(Zone zone, double maxWatchKm, double south, double west, double north, double east)
    {
        var reach = Reach.None;
        foreach (var circle in zone.ShapingCircles)
        {
            if (CoversCell(circle, south, west, north, east))
            {
                return Reach.Whole;
            }

            if (reach == Reach.None && TileCover.DistanceToRectKm(circle.Centre, south, west, north, east) <= circle.RadiusKm + maxWatchKm)
            {
                reach = Reach.Some;
            }
        }

        return reach;
    }

    // A small cell of parallels and meridians lies inside a circle when its four corners do.
    private static bool CoversCell(GeoCircle circle, double south, double west, double north, double east)
    {
        var r = circle.RadiusKm - CoverMarginKm;
        return Haversine.DistanceKm(circle.Centre, new GeoPoint(south, west)) <= r
            && Haversine.DistanceKm(circle.Centre, new GeoPoint(south, east)) <= r
            && Haversine.DistanceKm(circle.Centre, new GeoPoint(north, west)) <= r
            && Haversine.DistanceKm(circle.Centre, new GeoPoint(north, east)) <= r;
    }

    private (double South, double West, double North, double East) Bounds(int cell)
    {
        var row = cell / _side;
        var column = cell % _side;
        var south = _south + (row * _cellLat);
        var west = _west + (column * _cellLon);
        return (south, west, south + _cellLat, west + _cellLon);
    }

    private IndexedSubscriber ToSubscriber(int slot, string id)
    {
        ref readonly var e = ref _entries[slot];
        return new IndexedSubscriber(id, e.Lat, e.Lon, e.WatchRadiusKm, e.Kind, _languages[e.Language], e.Push, e.Exercises);
    }

    private void Hold(int slot, IndexedSubscriber subscriber)
    {
        ref var e = ref _entries[slot];
        (e.Lat, e.Lon, e.WatchRadiusKm, e.Kind, e.Push, e.Exercises) =
            (subscriber.Lat, subscriber.Lon, subscriber.WatchRadiusKm, subscriber.Kind, subscriber.Push, subscriber.Exercises);
        e.Language = LanguageCode(subscriber.Language);
    }

    private ushort LanguageCode(string language)
    {
        var code = _languages.IndexOf(language);
        if (code < 0)
        {
            // Codes are validated on the way in (mk, sq, en and a field team's configured one): a handful per tile.
            if (_languages.Count > ushort.MaxValue)
            {
                throw new InvalidOperationException("More distinct language codes in one tile than an entry can number.");
            }

            code = _languages.Count;
            _languages.Add(AlertLanguage.Shared(language));
        }

        return (ushort)code;
    }

    private void Resize(int capacity)
    {
        Array.Resize(ref _entries, capacity);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _idTexts, capacity);
    }

    // Storage reads every subscriber of a cell: the kept text if there is one, without keeping more.
    private string IdText(int slot) => _idTexts[slot] ?? _keys[slot].ToString();

    private void Widen(int cell, double watchRadiusKm)
    {
        _cells[cell].MaxWatchRadiusKm = Math.Max(_cells[cell].MaxWatchRadiusKm, watchRadiusKm);
        MaxWatchRadiusKm = Math.Max(MaxWatchRadiusKm, watchRadiusKm);
    }

    private int CellOf(double lat, double lon)
    {
        // Points on (or, by rounding, just past) the tile's edge belong to the edge cells.
        var row = Math.Clamp((int)Math.Floor((lat - _south) / _cellLat), 0, _side - 1);
        var column = Math.Clamp((int)Math.Floor((lon - _west) / _cellLon), 0, _side - 1);
        return (row * _side) + column;
    }

    private void AddToCell(int slot, int cell)
    {
        var target = _cells[cell];
        if (target.Count == target.Slots.Length)
        {
            Array.Resize(ref target.Slots, Math.Max(4, target.Slots.Length * 2));
        }

        target.Slots[target.Count] = slot;
        _entries[slot].Cell = cell;
        _entries[slot].PositionInCell = target.Count++;
    }

    private void RemoveFromCell(int slot)
    {
        ref var entry = ref _entries[slot];
        var cell = _cells[entry.Cell];
        var last = --cell.Count;
        if (entry.PositionInCell != last)
        {
            var moved = cell.Slots[last];
            cell.Slots[entry.PositionInCell] = moved;
            _entries[moved].PositionInCell = entry.PositionInCell;
        }
    }

    private enum Reach
    {
        None,
        Some,
        Whole,
    }

    // 40 bytes: at a million subscribers every field counts (the id strings were most of the index).
    // The push and exercise flags sit in what was padding after the language: still 40 bytes.
    private struct Entry
    {
        public double Lat;
        public double Lon;
        public double WatchRadiusKm;
        public int Cell;
        public int PositionInCell;
        public SubscriberKind Kind;
        public ushort Language;
        public bool Push;
        public bool Exercises;
    }

    private sealed class Cell
    {
        public int[] Slots = [];
        public int Count;
        public double MaxWatchRadiusKm;
    }
}
