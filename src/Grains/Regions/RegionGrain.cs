using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace EarlyWarning.Grains.Regions;

/// <inheritdoc cref="IRegionGrain" />
public sealed class RegionGrain(
    [PersistentState("region", StorageNames.Default)] IPersistentState<RegionState> state,
    IOptions<RegionOptions> options,
    GatewaySinks sinks,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    private TileKey _tile;

    // The subscribers, in memory; stored cell by cell (RegionCells), never with the zones and ledgers.
    private SubscriberIndex _index = null!;
    private RegionCells _cells = null!;

    // One buffer for every match: a 50 km zone over a city matches ~100 000 here, and a fresh list
    // spent most of the query growing. Callers read it before their first await.
    private readonly List<ZoneMatch> _matches = [];

    // Cells whose moves are not stored yet (see Place); flushed within FlushDelay and on deactivation.
    private readonly HashSet<int> _unflushed = [];
    private IGrainTimer? _flushTimer;

    // Confirmed batches whose Unconfirmed entries are cleared in memory, not yet stored (see Confirmed).
    private IGrainTimer? _confirmTimer;

    // The batch last handed to the gateways, still being delivered perhaps. A push does not wait
    // for its own batch: a gateway sending 1 000 alerts took tens of milliseconds, and every
    // location update for the tile waited behind it. Batches still go out one after another
    // (each waits for the one before), so a tile never has more than one in flight.
    private Task _delivering = Task.CompletedTask;

    // Whom the batches alerted, told to the cases' tallies; reports a tally did not take are retried on a timer.
    private AlertedCount _alertedCount = null!;
    private IGrainTimer? _countTimer;

    // How far the directory knows this tile watches; below zero until this activation told it.
    private double _registeredRadiusKm = -1;

    private RegionState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tile = TileKey.Parse(this.GetPrimaryKeyString());
        _alertedCount = new AlertedCount(GrainFactory, _tile.ToGrainKey(), clock, logger);
        _index = SubscriberIndex.For(_tile);
        _cells = new RegionCells(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), this.GetGrainId(), _index.CellCount);
        await _cells.LoadInto(_index);

        // Each case must know every tile holding its zone, to cancel there on resolution; a tile
        // that learned a zone from the directory told the case one-way (RegionJoined), a message a
        // crash may have lost. Told again on every activation (idempotent): after a restart the
        // case's cancel list is whole again, and a case resolved meanwhile cancels here at once.
        var key = _tile.ToGrainKey();
        await Task.WhenAll(S.Zones.Keys.Select(caseId => GrainFactory.GetGrain<ICaseGrain>(caseId).RegionJoined(key)));

        // Its shard knows it already, unless its registration went to a directory of another shape
        // (the one-grain directory before the shards, another DirectoryZoom): told again, idempotent.
        // Best effort: a shard that does not answer must not keep the tile from activating; the
        // next subscriber placed here registers it (the radius stays unregistered until then).
        if (_index.Count > 0)
        {
            try
            {
                await JoinDirectory(_index.MaxWatchRadiusKm);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RegionLog.NotRegistered(logger, ex, key);
            }
        }
    }

    /// <inheritdoc />
    public async Task<int> ApplyZone(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (S.Zones.TryGetValue(zone.CaseId, out var known) && known.Version > zone.Version)
        {
            return 0;
        }

        var domainZone = zone.ToZone();
        var touches = TileCover.Touches(_tile, domainZone.ShapingCircles, options.Value.MaxWatchRadiusKm);
        // Only entering or leaving the tile is worth a write; a newer radius arrives with every push.
        var zonesChanged = touches ? !S.Zones.ContainsKey(zone.CaseId) : S.Zones.Remove(zone.CaseId);
        if (touches)
        {
            S.Zones[zone.CaseId] = zone;
        }

        // The batch before this one is confirmed (or kept) first: its recipients must not look unconfirmed here.
        await PreviousDelivery();
        var alerted = S.Alerted.GetValueOrDefault(zone.CaseId) ?? [];
        var ledger = new AlertLedger(alerted);
        var unconfirmed = S.Unconfirmed.GetValueOrDefault(zone.CaseId);
        var firstAlerts = 0;
        var alertedBefore = alerted.Count;
        var matches = Matches(domainZone, zone);
        var recipients = new List<AlertRecipient>(matches.Count);
        var reached = alertedBefore > 0 ? new bool[_index.Count] : null;
        var reachedAgain = 0;
        foreach (var match in matches)
        {
            var subscriber = _index[match.Index];
            var kind = ledger.Next(subscriber.Id);
            if (kind == AlertKind.New)
            {
                firstAlerts++;
                (unconfirmed ??= UnconfirmedFor(zone.CaseId)).Add(subscriber.Id);
            }
            else if (unconfirmed?.Contains(subscriber.Id) == true)
            {
                // In the ledger, but its batch was never confirmed (its silo died): the new again.
                kind = AlertKind.New;
            }

            recipients.Add(new AlertRecipient(subscriber.Id, kind, subscriber.Language, match.DistanceKm, subscriber.Push));
            reached?[match.Index] = true;
            reachedAgain += kind == AlertKind.Update ? 1 : 0;
        }

        // Someone alerted before is out of reach now only when fewer of them were reached than there are.
        if (reached is not null && reachedAgain < alertedBefore)
        {
            foreach (var id in alerted)
            {
                // Out of reach now, but alerted before: it still hears where the zone went.
                if (_index.TryGetSlot(id, out var slot) && !reached[slot]
                    && Eligibility.MayReceive(_index.KindAt(slot), zone.Level, zone.Exercise, _index.ExercisesAt(slot)))
                {
                    var subscriber = _index[slot];
                    var distance = domainZone.DistanceKm(new GeoPoint(subscriber.Lat, subscriber.Lon));
                    recipients.Add(new AlertRecipient(subscriber.Id, AlertKind.Update, subscriber.Language, distance, subscriber.Push));
                }
            }
        }

        // For the case's log; the tally counts by subscriber (AlertedCount).
        var newAlerts = firstAlerts;
        if (alerted.Count > 0)
        {
            S.Alerted[zone.CaseId] = alerted;
        }

        // The ledger is stored before anything is sent: a retry never sends a second `new`.
        if (newAlerts > 0 || zonesChanged)
        {
            await state.WriteStateAsync();
        }

        await Send(zone, recipients);
        return newAlerts;
    }

    /// <summary>The subscribers <paramref name="zone"/> reaches, in the shared buffer: valid until the next call.</summary>
    private List<ZoneMatch> Matches(Zone zone, ZoneSnapshot snapshot)
    {
        _matches.Clear();
        _index.Match(zone, snapshot.Level, _matches, snapshot.Exercise);
        return _matches;
    }

    /// <inheritdoc />
    public Task<int> CountReach(ZoneSnapshot zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Task.FromResult(Matches(zone.ToZone(), zone).Count);
    }

    /// <inheritdoc />
    public async Task EndCase(ZoneSnapshot finalZone)
    {
        ArgumentNullException.ThrowIfNull(finalZone);
        var heldZone = S.Zones.GetValueOrDefault(finalZone.CaseId);
        var heldLedger = S.Alerted.TryGetValue(finalZone.CaseId, out var alerted) ? new HashSet<string>(alerted) : null;
        var owed = alerted is null ? [] : new AlertLedger(alerted).CloseForCancel();
        S.Zones.Remove(finalZone.CaseId);
        S.Alerted.Remove(finalZone.CaseId);
        S.Unconfirmed.Remove(finalZone.CaseId);
        if (owed.Count == 0 && heldZone is null)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: the tile keeps the zone and ledger, so the case's retry finds the cancels still owed.
            RestoreCase(finalZone.CaseId, heldZone, heldLedger);
            throw;
        }

        var zone = finalZone.ToZone();
        var recipients = new List<AlertRecipient>(owed.Count);
        foreach (var id in owed)
        {
            if (_index.TryGet(id, out var s))
            {
                recipients.Add(new AlertRecipient(s.Id, AlertKind.Cancel, s.Language, zone.DistanceKm(new GeoPoint(s.Lat, s.Lon)), s.Push));
                _index.ForgetIdText(id);
            }
        }

        await Send(finalZone with { Child = null }, recipients);
    }

    private void RestoreCase(string caseId, ZoneSnapshot? zone, HashSet<string>? ledger)
    {
        if (zone is not null)
        {
            S.Zones[caseId] = zone;
        }

        if (ledger is not null)
        {
            S.Alerted[caseId] = ledger;
        }
    }

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
            await _cells.Write(_index, [cell]);
        }
        else
        {
            // A move within the tile: the subscriber's own record already holds it durably, so the
            // cells follow within FlushDelay instead of costing a write per position update.
            _unflushed.Add(cell);
            _unflushed.Add(leftCell);
            _flushTimer ??= this.RegisterGrainTimer(FlushMoves, new GrainTimerCreationOptions(options.Value.FlushDelay, Timeout.InfiniteTimeSpan));
        }

        if (alertedCases.Length > 0 || batches.Count > 0 || S.Zones.Count != zonesBefore)
        {
            await state.WriteStateAsync();
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
        await _cells.Write(_index, [cell]);
        _unflushed.Remove(cell);
        return true;
    }

    /// <inheritdoc />
    public Task<RegionSubscriber?> Find(string subscriberId) =>
        Task.FromResult(_index.TryGet(subscriberId, out var s) ? RegionSubscriber.From(s) : null);

    /// <inheritdoc />
    public Task<string[]> AlertedCases(string subscriberId) =>
        Task.FromResult(S.Alerted.Where(entry => entry.Value.Contains(subscriberId)).Select(entry => entry.Key).ToArray());

    /// <inheritdoc />
    public async Task<string[]> Remove(string subscriberId)
    {
        if (!_index.TryGetCell(subscriberId, out var cell))
        {
            return [];
        }

        _index.Remove(subscriberId);
        _unflushed.Remove(cell);
        await _cells.Write(_index, [cell]);
        var carried = S.Alerted
            .Where(entry => new AlertLedger(entry.Value).Release(subscriberId))
            .Select(entry => entry.Key)
            .ToArray();
        if (carried.Length > 0)
        {
            await state.WriteStateAsync();
        }

        return carried;
    }

    /// <summary>The stored ledger of a case in this tile, created empty when the tile has none yet.</summary>
    private AlertLedger LedgerFor(string caseId)
    {
        if (!S.Alerted.TryGetValue(caseId, out var alerted))
        {
            S.Alerted[caseId] = alerted = [];
        }

        return new AlertLedger(alerted);
    }

    /// <summary>The subscribers of a case whose <c>new</c> no sink has confirmed yet, created empty when none.</summary>
    private HashSet<string> UnconfirmedFor(string caseId)
    {
        if (!S.Unconfirmed.TryGetValue(caseId, out var unconfirmed))
        {
            S.Unconfirmed[caseId] = unconfirmed = [];
        }

        return unconfirmed;
    }

    /// <summary>
    /// A sink took the batch: its <c>new</c> recipients are confirmed, and stored at once in a turn
    /// of its own (a timer, not interleaved with a call that may be writing; confirmations that
    /// come meanwhile share the write): a list left stale by a crash would send them new again.
    /// </summary>
    private void Confirmed(AlertBatch batch)
    {
        if (!S.Unconfirmed.TryGetValue(batch.CaseId, out var unconfirmed))
        {
            return;
        }

        var changed = false;
        foreach (var recipient in batch.Recipients)
        {
            changed |= recipient.Kind == AlertKind.New && unconfirmed.Remove(recipient.SubscriberId);
        }

        if (unconfirmed.Count == 0)
        {
            S.Unconfirmed.Remove(batch.CaseId);
        }

        if (changed)
        {
            _confirmTimer ??= this.RegisterGrainTimer(StoreConfirmations, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task StoreConfirmations(CancellationToken cancellationToken)
    {
        _confirmTimer?.Dispose();
        _confirmTimer = null;
        await state.WriteStateAsync(cancellationToken);
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
        await _cells.Write(_index, touchedCells);
        _unflushed.ExceptWith(touchedCells);
        if (stateChanged || batches.Count > 0)
        {
            await state.WriteStateAsync();
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

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushMoves(cancellationToken);
        await PreviousDelivery().WaitAsync(cancellationToken);
        if (_confirmTimer is not null)
        {
            await StoreConfirmations(cancellationToken);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task FlushMoves(CancellationToken cancellationToken)
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        if (_unflushed.Count > 0)
        {
            int[] cells = [.. _unflushed];
            _unflushed.Clear();
            await _cells.Write(_index, cells);
        }
    }

    /// <summary>
    /// Tells the directory how far this tile now watches when that grows (or first thing after
    /// activation), so zones are pushed here, and adopts the active zones that now reach it.
    /// </summary>
    private async Task JoinDirectory(double watchRadiusKm)
    {
        var radiusKm = Math.Max(watchRadiusKm, _index.MaxWatchRadiusKm);
        if (radiusKm <= _registeredRadiusKm)
        {
            return;
        }

        var key = _tile.ToGrainKey();
        var zones = await ServiceProvider.GetRequiredService<RegionDirectory>().ShardOf(_tile).Register(key, radiusKm);
        _registeredRadiusKm = radiusKm;
        foreach (var zone in zones)
        {
            if (!S.Zones.TryGetValue(zone.CaseId, out var known))
            {
                await GrainFactory.GetGrain<ICaseGrain>(zone.CaseId).RegionJoined(key);
            }

            if (known is null || known.Version < zone.Version)
            {
                S.Zones[zone.CaseId] = zone;
            }
        }
    }


    /// <summary>
    /// Counts its <c>new</c> alerts at the case's tally, then hands the batch to the gateways once
    /// the one before it is delivered, and returns without waiting for its own delivery (see <see cref="_delivering"/>).
    /// </summary>
    private async Task Send(ZoneSnapshot zone, List<AlertRecipient> recipients)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var batch = new AlertBatch(zone.CaseId, zone.Version, zone.Level, zone.ComputedAt, zone.Child, zone.Anchors, [.. recipients], zone.Exercise);
        await PreviousDelivery();
        _delivering = Deliver(zone, batch);

        // While the batch goes out, not before it: a tally whose silo just died must not hold the
        // alerts (it did, for Orleans' response timeout). Still before the push returns.
        await _alertedCount.Report(zone, recipients);
        if (_alertedCount.HasPending)
        {
            _countTimer ??= this.RegisterGrainTimer(RetryCounts, new GrainTimerCreationOptions(AlertedCount.RetryInterval, AlertedCount.RetryInterval));
        }
    }

    private async Task RetryCounts(CancellationToken cancellationToken)
    {
        await _alertedCount.RetryPending();
        if (!_alertedCount.HasPending)
        {
            _countTimer?.Dispose();
            _countTimer = null;
        }
    }

    // Deliver logs its own failures; whatever else ends it must not fail the next push. On the
    // grain's scheduler, as every await here.
    private async Task PreviousDelivery() =>
        await _delivering.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

    private async Task Deliver(ZoneSnapshot zone, AlertBatch batch)
    {
        var recipients = batch.Recipients.Length;
        try
        {
            if (await sinks.Dispatch(batch))
            {
                Confirmed(batch);
            }

            RegionLog.BatchSent(logger, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ledger is stored: a delivery failure must not undo or refuse what the case accepted.
            // Subscribers get the next update, or catch up when they reconnect.
            RegionLog.DispatchFailed(logger, ex, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients);
        }
    }
}
