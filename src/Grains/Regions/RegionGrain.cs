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
/// <remarks>
/// Split by concern: this file holds activation, the zones and their ledgers (<see cref="ApplyZone"/>,
/// <see cref="EndCase"/>); <c>RegionGrain.Roster.cs</c> who is here and the latecomers;
/// <c>RegionGrain.Delivery.cs</c> how batches leave and are confirmed.
/// </remarks>
public sealed partial class RegionGrain(
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
            await Stored(() => state.WriteStateAsync());
        }

        await Send(zone, recipients);
        return newAlerts;
    }

    /// <summary>
    /// Runs a write of the tile's state; when storage refuses it, this activation goes (the next call
    /// reloads the tile as stored) and the failure is thrown, so memory never runs ahead of storage:
    /// a retry finds the ledger, roster and zones as they were, not as a failed call left them.
    /// </summary>
    private async Task Stored(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DeactivateOnIdle();
            throw;
        }
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
    public Task<string[]> AlertedCases(string subscriberId) =>
        Task.FromResult(S.Alerted.Where(entry => entry.Value.Contains(subscriberId)).Select(entry => entry.Key).ToArray());

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

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushMoves();
        await PreviousDelivery().WaitAsync(cancellationToken);
        if (_confirmTimer is not null)
        {
            await StoreConfirmations(cancellationToken);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
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

}
