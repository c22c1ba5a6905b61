using System.Globalization;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseGrain" />
public sealed class CaseGrain(
    [PersistentState("case", StorageNames.Default)] IPersistentState<CaseState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    IOptions<ZonePolicy> zonePolicy,
    IOptions<RegionOptions> regionOptions,
    IOptions<CaseOptions> caseOptions,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    private const string SystemActor = "system";

    private IGrainTimer? _zoneTimer;

    private CaseState S => state.State;

    private bool IsOpen => S.Opening is not null;

    private string CaseId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsOpen && S.Status == CaseStatus.Active)
        {
            StartZoneTimer();

            // A push that was accepted but not finished before a crash or failover is finished now.
            if (S.PushedZone is null || S.PushPending)
            {
                await PushZone(ComputeZone());
            }
        }
        else if (IsOpen && S.PushPending)
        {
            await SendCancels();
        }
    }

    /// <inheritdoc />
    public async Task<CaseSnapshot> Open(CaseOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if (IsOpen)
        {
            return Snapshot();
        }

        var now = clock.GetUtcNow();
        S.Opening = opening;
        S.Status = CaseStatus.Active;
        S.Level = opening.Level;
        S.CreatedAt = now;
        S.Version = 1;
        S.Anchors.Add(new AnchorCircle(opening.LastSeenLat, opening.LastSeenLon, opening.LastSeenAt, 0));
        Log("opened", opening.Actor, ("level", opening.Level.ToString().ToLowerInvariant()), ("travelMode", opening.TravelMode.ToString().ToLowerInvariant()));
        await state.WriteStateAsync();
        CaseLog.Opened(logger, CaseId, opening.Level);

        await UpdateDirectory();
        await PushZone(ComputeZone());
        StartZoneTimer();
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<CaseSnapshot?> GetCase() => Task.FromResult(IsOpen ? Snapshot() : null);

    /// <inheritdoc />
    public Task<ZoneSnapshot?> GetZone() => Task.FromResult(IsOpen ? ComputeZone() : null);

    /// <inheritdoc />
    public Task<TimelineEntry[]> GetTimeline() => Task.FromResult(S.Timeline.ToArray());

    /// <inheritdoc />
    public async Task<SightingResult> ReportSighting(SightingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!IsOpen)
        {
            return new SightingResult(null, CaseRefusal.NotFound);
        }

        if (S.Sightings.Find(s => s.Id == report.SightingId) is { } known)
        {
            return new SightingResult(known, CaseRefusal.None);
        }

        if (S.Status == CaseStatus.Resolved)
        {
            return new SightingResult(null, CaseRefusal.Resolved);
        }

        if (!report.Verified && S.Level != CaseLevel.Public)
        {
            return new SightingResult(null, CaseRefusal.NotPublic);
        }

        var status = report.Verified ? SightingStatus.Verified : SightingStatus.Pending;
        var sighting = new SightingRecord(
            report.SightingId, CaseId, report.Lat, report.Lon, report.SeenAt, clock.GetUtcNow(),
            report.Description, status, report.ReporterRole, report.ReporterContact);
        S.Sightings.Add(sighting);
        S.Version++;
        Log("sighting-reported", report.ReporterRole, ("sightingId", sighting.Id), ("status", status.ToString().ToLowerInvariant()));
        if (report.Verified)
        {
            S.Anchors.Add(new AnchorCircle(report.Lat, report.Lon, report.SeenAt, 0));
            S.PushPending = true;
            Log("sighting-verified", report.ReporterRole, ("sightingId", sighting.Id));
        }

        // Stored before anyone is told: a crash after this line is finished on reactivation.
        await state.WriteStateAsync();
        CaseLog.SightingStored(logger, CaseId, sighting.Id, status);
        if (report.Verified)
        {
            await PushZone(ComputeZone());
        }

        return new SightingResult(sighting, CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task<CaseCommandResult> Escalate(string actor)
    {
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return new CaseCommandResult(IsOpen ? Snapshot() : null, IsOpen ? CaseRefusal.Resolved : CaseRefusal.NotFound);
        }

        if (S.Level == CaseLevel.Public)
        {
            return new CaseCommandResult(Snapshot(), CaseRefusal.None);
        }

        S.Level = CaseLevel.Public;
        S.Version++;
        S.PushPending = true;
        Log("escalated", actor);
        await state.WriteStateAsync();
        await UpdateDirectory();
        await PushZone(ComputeZone());
        return new CaseCommandResult(Snapshot(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task<CaseCommandResult> Resolve(CaseOutcome outcome, string? note, string actor)
    {
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return new CaseCommandResult(IsOpen ? Snapshot() : null, IsOpen ? CaseRefusal.Resolved : CaseRefusal.NotFound);
        }

        S.Status = CaseStatus.Resolved;
        S.Outcome = outcome;
        S.Version++;
        S.PushPending = true;
        var data = new List<(string, string)> { ("outcome", outcome.ToString().ToLowerInvariant()) };
        if (!string.IsNullOrWhiteSpace(note))
        {
            data.Add(("note", note));
        }

        Log("resolved", actor, [.. data]);
        await state.WriteStateAsync();
        _zoneTimer?.Dispose();
        await SendCancels();
        await UpdateDirectory();
        CaseLog.Resolved(logger, CaseId, outcome);
        return new CaseCommandResult(Snapshot(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task RefreshZone()
    {
        if (!IsOpen || S.Status != CaseStatus.Active)
        {
            return;
        }

        var zone = ComputeZone();
        if (!zone.ToZone().DiffersMateriallyFrom(S.PushedZone?.ToZone(), zonePolicy.Value))
        {
            return;
        }

        S.Version++;
        zone = zone with { Version = S.Version };
        S.PushPending = true;
        Log("zone-expanded", SystemActor, ("radiusKm", zone.RadiusKm.ToString("0.###", CultureInfo.InvariantCulture)), ("anchors", zone.Anchors.Length.ToString(CultureInfo.InvariantCulture)));
        await state.WriteStateAsync();
        await PushZone(zone);
    }

    /// <inheritdoc />
    public async Task TrackRegion(string tileKey)
    {
        if (IsOpen && S.CancelTiles.Add(tileKey))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task RecordAlerted(int newAlerts)
    {
        S.Alerted += newAlerts;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordDelivery(long version, int delivered)
    {
        // Counters only: persisted with the next write rather than costing a write per batch.
        S.Delivered += delivered;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task RecordAcknowledgement(string subscriberId, long version)
    {
        if (IsOpen && S.AcknowledgedBy.Add(subscriberId))
        {
            await state.WriteStateAsync();
        }
    }

    private ZoneSnapshot ComputeZone() => CaseMapping.ToZoneSnapshot(CaseId, S, zonePolicy.Value, clock.GetUtcNow());

    /// <summary>
    /// Tells every tile the zone (plus the largest watch radius) touches, and once more the tiles it
    /// has just left, so their alerted subscribers see it move away. Regions are called in parallel.
    /// </summary>
    private async Task PushZone(ZoneSnapshot zone)
    {
        var regions = regionOptions.Value;
        var circles = zone.ToZone().Circles;
        var touched = TileCover.Tiles(circles, regions.MaxWatchRadiusKm, regions.TileZoom)
            .Select(t => t.ToGrainKey())
            .ToHashSet();
        var targets = touched.Union(S.TouchedTiles).ToList();
        var newAlerts = await Task.WhenAll(targets.Select(t => GrainFactory.GetGrain<IRegionGrain>(t).ApplyZone(zone)));

        S.Alerted += newAlerts.Sum();
        S.TouchedTiles = touched;
        S.CancelTiles.UnionWith(touched);
        S.PushedZone = zone;
        S.PushPending = false;
        await state.WriteStateAsync();
        CaseLog.ZonePushed(logger, CaseId, zone.Version, zone.RadiusKm, targets.Count, newAlerts.Sum());
    }

    /// <summary>Every tile that may hold an alerted subscriber sends its cancels; the final zone carries no child.</summary>
    private async Task SendCancels()
    {
        var finalZone = ComputeZone();
        await Task.WhenAll(S.CancelTiles.Select(t => GrainFactory.GetGrain<IRegionGrain>(t).EndCase(finalZone)));
        S.TouchedTiles.Clear();
        S.PushPending = false;
        await state.WriteStateAsync();
    }

    private void StartZoneTimer()
    {
        var period = caseOptions.Value.ZoneTickInterval;
        _zoneTimer = this.RegisterGrainTimer(_ => RefreshZone(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private Task UpdateDirectory() =>
        GrainFactory.GetGrain<ICaseDirectoryGrain>(0).Upsert(CaseMapping.ToSummary(CaseId, S));

    private CaseSnapshot Snapshot() => CaseMapping.ToSnapshot(CaseId, S, ComputeZone());

    private void Log(string kind, string actor, params (string Key, string Value)[] data) =>
        S.Timeline.Add(new TimelineEntry(
            S.Timeline.Count + 1, clock.GetUtcNow(), kind, actor, data.ToDictionary(d => d.Key, d => d.Value)));
}
