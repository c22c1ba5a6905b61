using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// The tile's roster: who is here (placed, moved, removed, their push flag), stored cell by cell
/// (<see cref="RegionCells"/>, moves within <see cref="RegionOptions.FlushDelay"/>), and the
/// latecomers the active zones owe a <c>new</c> as soon as they arrive.
/// </summary>
public sealed partial class RegionGrain
{
    // Cells whose moves are not stored yet (see Place); flushed within FlushDelay and on deactivation.
    private readonly HashSet<int> _unflushed = [];
    private IGrainTimer? _flushTimer;

    /// <inheritdoc />
    public async Task<string[]> Place(RegionSubscriber subscriber, string[] alertedCases)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(alertedCases);
        var zonesBefore = S.Zones.Count;
        await JoinDirectory(subscriber.WatchRadiusKm);
        var (cell, leftCell) = _index.Upsert(subscriber.ToIndexed());
        foreach (var caseId in alertedCases)
        {
            LedgerFor(caseId).Adopt(subscriber.Id);
        }

        // A latecomer (or a subscriber that moved in) is checked against the active zones at once.
        var batches = LatecomerAlerts(await AlertingZones([subscriber]), [subscriber]);

        if (leftCell == -1)
        {
            // New to this tile (a subscription, or a tile crossing): stored before anyone hears of it.
            await Stored(() => _cells.Arrive(_index, subscriber.Id));
        }
        else
        {
            // A move within the tile: the subscriber's own record already holds it durably, so the
            // cells follow within FlushDelay instead of costing a write per position update.
            _unflushed.Add(cell);
            _unflushed.Add(leftCell);
            _flushTimer ??= this.RegisterGrainTimer(FlushMovesLater, new GrainTimerCreationOptions(options.Value.FlushDelay, Timeout.InfiniteTimeSpan));
        }

        if (alertedCases.Length > 0 || batches.Count > 0 || S.Zones.Count != zonesBefore)
        {
            await Stored(() => state.WriteStateAsync());
        }

        await SendLatecomerAlerts(batches);
        return [.. alertedCases.Where(c => !S.Zones.ContainsKey(c))];
    }

    /// <inheritdoc />
    public async Task PlaceMany(RegionSubscriber[] subscribers)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        await JoinDirectory(subscribers.Length == 0 ? 0 : subscribers.Max(s => s.WatchRadiusKm));
        var touched = new HashSet<int>();
        _index.EnsureRoomFor(subscribers.Length);
        foreach (var s in subscribers)
        {
            var (cell, leftCell) = _index.Upsert(s.ToIndexed());
            touched.Add(cell);
            touched.Add(leftCell);
        }

        // Joining the directory may have adopted zones: the state is written either way, as before.
        await StoreThenAlert(touched, subscribers, stateChanged: true);
    }

    /// <inheritdoc />
    public async Task<string[]> MoveMany(SubscriberMove[] moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var notMoved = new List<string>();
        var moved = new List<RegionSubscriber>(moves.Length);
        var touched = new HashSet<int>();
        foreach (var move in moves)
        {
            // Field teams move through their grain: the control room watches them move.
            if (!_index.TryGet(move.SubscriberId, out var held) || held.Kind == SubscriberKind.Field
                || TileKey.FromPoint(new GeoPoint(move.Lat, move.Lon), _tile.Zoom) != _tile)
            {
                notMoved.Add(move.SubscriberId);
                continue;
            }

            var now = held with { Lat = move.Lat, Lon = move.Lon };
            var (cell, leftCell) = _index.Upsert(now);
            touched.Add(cell);
            touched.Add(leftCell);
            moved.Add(RegionSubscriber.From(now));
        }

        // The tile is the only record of these positions: stored before the callers hear "done".
        await StoreThenAlert(touched, moved, stateChanged: false);
        return [.. notMoved];
    }

    /// <inheritdoc />
    public async Task<bool> SetPush(string subscriberId, bool push)
    {
        if (!_index.TryGet(subscriberId, out var held))
        {
            return false;
        }

        if (held.Push == push)
        {
            return true;
        }

        _index.SetPush(subscriberId, push, out var cell);
        await Stored(() => _cells.Write(_index, [cell]));
        _unflushed.Remove(cell);
        return true;
    }

    /// <inheritdoc />
    public Task<RegionSubscriber?> Find(string subscriberId) =>
        Task.FromResult(_index.TryGet(subscriberId, out var s) ? RegionSubscriber.From(s) : null);

    /// <inheritdoc />
    public async Task<string[]> Remove(string subscriberId)
    {
        if (!_index.TryGetCell(subscriberId, out var cell))
        {
            return [];
        }

        _index.Remove(subscriberId);
        _unflushed.Remove(cell);
        await Stored(() => _cells.Removed(_index, subscriberId, cell));
        var carried = S.Alerted
            .Where(entry => new AlertLedger(entry.Value).Release(subscriberId))
            .Select(entry => entry.Key)
            .ToArray();
        if (carried.Length > 0)
        {
            await Stored(() => state.WriteStateAsync());
        }

        return carried;
    }

    /// <summary>
    /// The <c>new</c> alerts owed to <paramref name="arrivals"/> by the active zones here, one batch
    /// per zone that reaches any of them; the ledgers take note at once.
    /// </summary>
    private List<(ZoneSnapshot Zone, List<AlertRecipient> Recipients)> LatecomerAlerts(
        IReadOnlyList<ZoneSnapshot> zones, IReadOnlyList<RegionSubscriber> arrivals)
    {
        var batches = new List<(ZoneSnapshot Zone, List<AlertRecipient> Recipients)>();
        foreach (var zone in zones)
        {
            var domainZone = zone.ToZone();
            var ledger = LedgerFor(zone.CaseId);
            var recipients = new List<AlertRecipient>();
            foreach (var s in arrivals)
            {
                if (ZoneMatcher.IsMatch(s.ToWatched(), domainZone, zone.Level, zone.Exercise, out var distanceKm) && ledger.Next(s.Id) == AlertKind.New)
                {
                    recipients.Add(new AlertRecipient(s.Id, AlertKind.New, s.Language, distanceKm, s.Push));
                    UnconfirmedFor(zone.CaseId).Add(s.Id);
                }
            }

            if (recipients.Count > 0)
            {
                batches.Add((zone, recipients));
            }
        }

        return batches;
    }

    /// <summary>
    /// The zones here that reach one of <paramref name="arrivals"/> and whose case still alerts. A
    /// case being resolved keeps its zone in a tile its cancel has not reached yet (on its way, or
    /// failed and retried by the case's reminder), so the case is asked before a newcomer hears of
    /// it. A case that cannot answer counts as not alerting: the newcomer is not noted in the
    /// ledger, so the zone's next push alerts them if the case is still active.
    /// </summary>
    private async Task<List<ZoneSnapshot>> AlertingZones(IReadOnlyList<RegionSubscriber> arrivals)
    {
        var reaching = S.Zones.Values
            .Where(zone => arrivals.Any(s => ZoneMatcher.IsMatch(s.ToWatched(), zone.ToZone(), zone.Level, zone.Exercise, out _)))
            .ToList();
        if (reaching.Count == 0)
        {
            return reaching;
        }

        var alerting = await Task.WhenAll(reaching.Select(async zone =>
        {
            try
            {
                var caseGrain = GrainFactory.GetGrain<ICaseGrain>(zone.CaseId);
                if (zone.Child is not null)
                {
                    return await caseGrain.IsAlerting() ? zone : null;
                }

                // Adopted from the directory, which keeps no child: the case gives it, if it still alerts.
                var child = await caseGrain.AlertingChild();
                return child is null ? null : Adopted(zone with { Child = child });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RegionLog.CaseNotAsked(logger, ex, zone.CaseId);
                return null;
            }
        }));
        return [.. alerting.OfType<ZoneSnapshot>()];
    }

    /// <summary>The zone, now with its child, replaces the child-less one it came from (unless a push replaced that meanwhile).</summary>
    private ZoneSnapshot Adopted(ZoneSnapshot zone)
    {
        if (S.Zones.TryGetValue(zone.CaseId, out var held) && held.Version == zone.Version && held.Child is null)
        {
            S.Zones[zone.CaseId] = zone;
        }

        return zone;
    }

    /// <summary>
    /// After a bulk upsert: checks <paramref name="arrivals"/> against the active zones, stores the
    /// touched cells and then the zones and ledgers (when a latecomer was alerted or the caller says
    /// <paramref name="stateChanged"/>, e.g. zones adopted on joining the directory), and only then
    /// sends: nothing goes out unstored.
    /// </summary>
    private async Task StoreThenAlert(HashSet<int> touchedCells, IReadOnlyList<RegionSubscriber> arrivals, bool stateChanged)
    {
        var batches = LatecomerAlerts(await AlertingZones(arrivals), arrivals);
        await Stored(() => _cells.Write(_index, touchedCells));
        _unflushed.ExceptWith(touchedCells);
        if (stateChanged || batches.Count > 0)
        {
            await Stored(() => state.WriteStateAsync());
        }

        await SendLatecomerAlerts(batches);
    }

    /// <summary>Sends latecomer batches (after the ledgers are stored); <see cref="Send"/> counts them.</summary>
    private async Task SendLatecomerAlerts(List<(ZoneSnapshot Zone, List<AlertRecipient> Recipients)> batches)
    {
        foreach (var (zone, recipients) in batches)
        {
            await Send(zone, recipients);
        }
    }

    /// <summary>The timer's flush: a refused write is tried again after the next delay.</summary>
    private async Task FlushMovesLater(CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        try
        {
            await FlushMoves();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RegionLog.MovesNotStored(logger, ex, this.GetPrimaryKeyString());
            _flushTimer ??= this.RegisterGrainTimer(FlushMovesLater, new GrainTimerCreationOptions(options.Value.FlushDelay, Timeout.InfiniteTimeSpan));
        }
    }

    /// <summary>
    /// Stores the cells moves changed. Memory stays as it is when the store refuses (unlike the
    /// tile's other writes): the moves are right, each subscriber's own record holds them, and the
    /// cells stay owed until a write, or the deactivation's, takes them.
    /// </summary>
    private async Task FlushMoves()
    {
        if (_unflushed.Count > 0)
        {
            int[] cells = [.. _unflushed];
            _unflushed.Clear();
            try
            {
                await _cells.Write(_index, cells);
            }
            catch
            {
                _unflushed.UnionWith(cells);
                throw;
            }
        }
    }
}
