using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Regions;

/// <inheritdoc cref="IRegionGrain" />
public sealed class RegionGrain(
    [PersistentState("region", StorageNames.Default)] IPersistentState<RegionState> state,
    IOptions<RegionOptions> options,
    ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    private TileKey _tile;

    private RegionState S => state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _tile = TileKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
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
        var touches = TileCover.Touches(_tile, domainZone.Circles, options.Value.MaxWatchRadiusKm);
        // Only entering or leaving the tile is worth a write; a newer radius arrives with every push.
        var zonesChanged = touches ? !S.Zones.ContainsKey(zone.CaseId) : S.Zones.Remove(zone.CaseId);
        if (touches)
        {
            S.Zones[zone.CaseId] = zone;
        }

        var alerted = S.Alerted.GetValueOrDefault(zone.CaseId) ?? [];
        var ledger = new AlertLedger(alerted);
        var recipients = new List<AlertRecipient>();
        foreach (var subscriber in S.Subscribers.Values)
        {
            if (ZoneMatcher.IsMatch(ToWatchedPoint(subscriber), domainZone, zone.Level, out var distanceKm))
            {
                recipients.Add(new AlertRecipient(subscriber.Id, ledger.Next(subscriber.Id), subscriber.Language, distanceKm));
            }
            else if (ledger.HasAlerted(subscriber.Id) && Eligibility.MayReceive(subscriber.Kind, zone.Level))
            {
                // Out of reach now, but alerted before: it still hears where the zone went.
                var distance = domainZone.DistanceKm(new GeoPoint(subscriber.Lat, subscriber.Lon));
                recipients.Add(new AlertRecipient(subscriber.Id, AlertKind.Update, subscriber.Language, distance));
            }
        }

        var newAlerts = recipients.Count(r => r.Kind == AlertKind.New);
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

    /// <inheritdoc />
    public async Task EndCase(ZoneSnapshot finalZone)
    {
        ArgumentNullException.ThrowIfNull(finalZone);
        var owed = S.Alerted.TryGetValue(finalZone.CaseId, out var alerted)
            ? new AlertLedger(alerted).CloseForCancel()
            : [];
        var hadZone = S.Zones.Remove(finalZone.CaseId);
        S.Alerted.Remove(finalZone.CaseId);
        if (owed.Count == 0 && !hadZone)
        {
            return;
        }

        await state.WriteStateAsync();
        var zone = finalZone.ToZone();
        var recipients = owed
            .Where(S.Subscribers.ContainsKey)
            .Select(id => S.Subscribers[id])
            .Select(s => new AlertRecipient(s.Id, AlertKind.Cancel, s.Language, zone.DistanceKm(new GeoPoint(s.Lat, s.Lon))))
            .ToList();
        await Send(finalZone with { Child = null }, recipients);
    }

    /// <inheritdoc />
    public async Task<string[]> Place(RegionSubscriber subscriber, string[] alertedCases)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(alertedCases);
        S.Subscribers[subscriber.Id] = subscriber;
        foreach (var caseId in alertedCases)
        {
            LedgerFor(caseId).Adopt(subscriber.Id);
        }

        // A latecomer (or a subscriber that moved in) is checked against the active zones at once.
        var batches = new List<(ZoneSnapshot Zone, AlertRecipient Recipient)>();
        foreach (var zone in S.Zones.Values)
        {
            if (ZoneMatcher.IsMatch(ToWatchedPoint(subscriber), zone.ToZone(), zone.Level, out var distanceKm))
            {
                if (LedgerFor(zone.CaseId).Next(subscriber.Id) == AlertKind.New)
                {
                    batches.Add((zone, new AlertRecipient(subscriber.Id, AlertKind.New, subscriber.Language, distanceKm)));
                }
            }
        }

        await state.WriteStateAsync();
        foreach (var (zone, recipient) in batches)
        {
            await Send(zone, [recipient]);
            await GrainFactory.GetGrain<ICaseGrain>(zone.CaseId).RecordAlerted(1);
        }

        return [.. alertedCases.Where(c => !S.Zones.ContainsKey(c))];
    }

    /// <inheritdoc />
    public Task<string[]> AlertedCases(string subscriberId) =>
        Task.FromResult(S.Alerted.Where(entry => entry.Value.Contains(subscriberId)).Select(entry => entry.Key).ToArray());

    /// <inheritdoc />
    public async Task<string[]> Remove(string subscriberId)
    {
        if (!S.Subscribers.Remove(subscriberId))
        {
            return [];
        }

        var carried = S.Alerted
            .Where(entry => new AlertLedger(entry.Value).Release(subscriberId))
            .Select(entry => entry.Key)
            .ToArray();
        await state.WriteStateAsync();
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

    private static WatchedPoint ToWatchedPoint(RegionSubscriber s) =>
        new(new GeoPoint(s.Lat, s.Lon), s.WatchRadiusKm, s.Kind);

    private async Task Send(ZoneSnapshot zone, List<AlertRecipient> recipients)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var batch = new AlertBatch(zone.CaseId, zone.Version, zone.Level, zone.ComputedAt, zone.Child, zone.Anchors, [.. recipients]);
        try
        {
            await GrainFactory.GetGrain<IDispatchGrain>(0).Dispatch(batch);
            RegionLog.BatchSent(logger, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The ledger is stored: a delivery failure must not undo or refuse what the case accepted.
            // Subscribers get the next update, or catch up when they reconnect.
            RegionLog.DispatchFailed(logger, ex, _tile.ToGrainKey(), zone.CaseId, zone.Version, recipients.Count);
        }
    }
}
