using System.Runtime.ExceptionServices;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseGrain" />
public sealed partial class CaseGrain(
    [PersistentState("case", StorageNames.Default)] IPersistentState<CaseState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    IOptions<ZonePolicy> zonePolicy,
    IOptions<CaseOptions> caseOptions,
    ControlRoomOutbox controlRoom,
    RegionDirectory regionDirectory,
    CaseDirectory caseDirectory,
    ZoneTicker ticker,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    /// <summary>The reminder that wakes an active case after a restart (see <see cref="CaseOptions.WakeUpPeriod"/>).</summary>
    internal const string WakeUpReminder = "zone-wake-up";

    private CaseJournal? _journal;

    // The dispatch figures live in the case's tally, which tiles and gateways call instead of the case.
    private CaseFigures? _figures;

    // Each anchor's distance to each country, worked out once: the tick's border test reads it.
    private readonly BorderDistances _borderDistances = new();

    // A growth push since the last write was left unstored (GrowthWrites): stored on deactivation.
    private bool _growthUnstored;

    // The case list may not show the case as it stands: an update failed, or this activation sent
    // none yet (the last one's may have failed). The wake-up reminder sends it (FinishOwed).
    private bool _directoryOwed = true;

    // Active as last stored: what IsAlerting answers, interleaved with a resolve whose write is still
    // on its way (the feeds would otherwise render a Cancel for a case a failing write leaves active).
    private bool _storedActive;

    // Tries the wake-up reminder's registration again while the reminder store refuses it (KeepAwake).
    private IGrainTimer? _wakeUpRetry;

    // The case as the control room last heard of it (this activation): its next event says what changed.
    private CaseSnapshot? _lastPublished;

    private CaseState S => state.State;

    private bool IsOpen => S.Opening is not null;

    private string CaseId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new CaseJournal(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), this.GetGrainId());
        await _journal.Load(S);
        _storedActive = IsOpen && S.Status == CaseStatus.Active;
        GrowthWrites.Resume(S, zonePolicy.Value, Now);
        _figures = new CaseFigures(GrainFactory.GetGrain<ICaseTallyGrain>(CaseId), logger);
        if (IsOpen)
        {
            await _figures.SeedFrom(CaseId, S);
        }

        if (IsOpen && S.Status == CaseStatus.Active)
        {
            // Stored clean (a deactivation's write): the growth this activation pushes is not
            // stored push by push, so the record says so first. A crash then goes on above those
            // pushes (GrowthWrites.Resume), not from this version again. A store that refuses it
            // does not fail the activation (tiles ask an active case whether it alerts): the case
            // answers, and grows once a later try (its wake-up's) has stored it.
            await ReadyToGrow();

            // Also for a case opened before reminders were (or whose registration a crash cut off).
            await KeepAwake();

            // A push that was accepted but not finished before a crash or failover is finished now.
            if (S.PushedZone is null || S.PushPending)
            {
                AfterActivation(() => S.Status == CaseStatus.Active && (S.PushedZone is null || S.PushPending) ? PushZone(ComputeZone()) : Task.CompletedTask);
            }

            // Nothing pushed or published yet this activation: the first tick is the case's own.
            _growth?.Offer(Basis(), active: true);
        }
        else if (IsOpen && S.PushPending)
        {
            // A resolve a crash or a failing tile left incomplete.
            AfterActivation(() => S.PushPending ? CompleteResolve() : Task.CompletedTask);
        }

        // Also for a case resolved before retention existed (or whose registration failed): until it
        // is there, the wake-up reminder (perhaps never registered either) comes back to try again.
        if (!await KeepForRetention())
        {
            await KeepAwake();
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_growth is { } card)
        {
            // What the ticker pushed is this activation's to store; it grows the case no more.
            var (basis, grown) = await card.Enter();
            TakeBack(basis, grown);
            LeaveTicker();
        }

        // Also when nothing grew since the last write: the next activation then need not go above
        // the most this one can have pushed, and comes back at the version it left with.
        if (_growthUnstored || (S.GrowthMayBeUnstored && IsOpen && S.Status == CaseStatus.Active))
        {
            try
            {
                // So the next activation goes on from this version, not above the most it can have pushed.
                await Save(clean: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CaseLog.GrowthNotStored(logger, ex, CaseId);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> that calls tiles once activation is over: a tile placing a
    /// newcomer asks this case <see cref="IsAlerting"/>, possibly the call that activates it, and
    /// the answer must not wait for a call to that same tile.
    /// </summary>
    private void AfterActivation(Func<Task> work)
    {
        IGrainTimer? once = null;
        once = this.RegisterGrainTimer(
            async _ =>
            {
                once?.Dispose();
                await InTurn(work);
            },
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <inheritdoc />
    public async Task<CaseSnapshot> Open(CaseOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if (IsOpen && S.Status != CaseStatus.Active)
        {
            return Snapshot();
        }

        // The wake-up reminder before the write: a silo dying right after it must not leave a stored
        // case that nothing wakes (unlisted, never pushed, never purged). A reminder that finds no
        // case (the write failed) drops itself.
        await KeepAwake();

        // Open already: a retry of an opening that failed after its write, which finishes what is owed.
        var retry = IsOpen;
        if (!retry)
        {
            CaseLifecycle.Open(S, opening, Now);
            await Save();
            CaseLog.Opened(logger, CaseId, opening.Level);
        }

        // Stored: from here the case is owed its listing and its first push. The tick and the
        // wake-up reminder finish them if a step below fails, and so does a retry (which, like any
        // activation, grows only once storage says growth may go unstored).
        await ReadyToGrow();
        await FinishOwed(listChanged: !retry);
        return await Published();
    }

    /// <inheritdoc />
    public async Task<CaseSnapshot?> GetCase()
    {
        if (!IsOpen)
        {
            return null;
        }

        await _figures!.Read(CaseId, S.Version);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<ZoneSnapshot?> GetZone() => Task.FromResult(IsOpen ? ComputeZone() : null);

    /// <inheritdoc />
    public async Task<int?> PreviewReach(CaseLevel level) =>
        IsOpen ? await CaseReach.Count(GrainFactory, regionDirectory, ComputeZone() with { Level = level }) : null;

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

        if (CaseSightings.Admission(S, report) is var admission && admission != CaseRefusal.None)
        {
            return new SightingResult(null, admission);
        }

        if (S.Sightings.Find(s => s.Id == report.SightingId) is { } known)
        {
            // A retry gets its first answer; another report under a known id is not a way to read it.
            return CaseSightings.IsRetryOf(known, report) ? new SightingResult(known, CaseRefusal.None) : new SightingResult(null, CaseRefusal.SightingIdTaken);
        }

        var (sighting, refusal) = CaseSightings.Add(S, CaseId, report, Now);
        if (sighting is null)
        {
            return new SightingResult(null, refusal);
        }

        // Stored before anyone is told: a crash after this line is finished on reactivation.
        await Save();
        CaseLog.SightingStored(logger, CaseId, sighting.Id, sighting.Status);
        // Phones first: the alerts go out before the control room hears of the sighting.
        await PushIfPending();
        Publish(new ControlRoomEvent(SightingReported: sighting));
        await Published();
        return new SightingResult(sighting, CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task<SightingResult> ReviewSighting(string sightingId, bool verify, string actor, string? reason = null, string? duplicateOf = null)
    {
        if (!IsOpen)
        {
            return new SightingResult(null, CaseRefusal.NotFound);
        }

        var before = S.Version;
        var (sighting, refusal) = CaseSightings.Review(S, sightingId, verify, actor, Now, reason, duplicateOf);
        if (refusal == CaseRefusal.None && S.Version != before)
        {
            await Save();
            await PushIfPending();
            await Published();
        }

        return new SightingResult(sighting, refusal);
    }

    /// <inheritdoc />
    public async Task<CaseCommandResult> SetPhoto(string photoUrl, string actor)
    {
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return Refused();
        }

        // The photo it replaces is stored as owed a delete with the change, so no failure after
        // this write leaves a copy of the child that nothing names (the purge deletes what is left).
        if (CasePurge.PhotoId(S.Opening!.Child.PhotoUrl) is { } replaced && replaced != CasePurge.PhotoId(photoUrl))
        {
            S.ReplacedPhotos.Add(replaced);
        }

        CaseLifecycle.PhotoChanged(S, photoUrl, actor, Now);
        S.UploadedPhotos.Remove(CasePurge.PhotoId(photoUrl) ?? string.Empty);
        await Save();
        await PushIfPending();
        await DeleteReplacedPhotos();
        return new CaseCommandResult(await Published(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task<bool> ExpectPhoto(string photoId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(photoId);
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return false;
        }

        if (!S.UploadedPhotos.Contains(photoId))
        {
            S.UploadedPhotos.Add(photoId);
            await Save();
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<CaseCommandResult> Edit(CaseEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return Refused();
        }

        if (CaseEditing.Apply(S, edit, Now).IsEmpty)
        {
            // Nothing new, as when retried after a stored edit whose push or listing failed: those are finished now.
            await FinishOwed();
            return new CaseCommandResult(Snapshot(), CaseRefusal.None);
        }

        // Stored before anyone is told; then the phones, then the case list (name, category).
        await Save();
        await FinishOwed(listChanged: true);
        return new CaseCommandResult(await Published(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public Task<CaseCommandResult> Escalate(EscalationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeEscalation(() => CaseEscalation.Request(S, request, caseOptions.Value.ApprovalRequired, Now));
    }

    /// <inheritdoc />
    public Task<CaseCommandResult> ApproveEscalation(string actor) =>
        ChangeEscalation(() => CaseEscalation.Approve(S, actor, Now));

    /// <inheritdoc />
    public Task<CaseCommandResult> RejectEscalation(string actor, string reason) =>
        ChangeEscalation(() => CaseEscalation.Reject(S, actor, reason, Now));

    /// <summary>
    /// Applies a step of going public: stored, then the zone push that alerts the public once
    /// approved, then the case list (it shows requests waiting). A retry of a step already stored
    /// (refused as done) finishes what a failure left of those two.
    /// </summary>
    private async Task<CaseCommandResult> ChangeEscalation(Func<CaseRefusal> step)
    {
        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return Refused();
        }

        var before = S.Version;
        var refusal = step();
        if (refusal != CaseRefusal.None || S.Version == before)
        {
            // A retry of a step stored before its listing or push failed: those are finished now.
            await FinishOwed();
            return new CaseCommandResult(Snapshot(), refusal);
        }

        await Save();
        await FinishOwed(listChanged: true);
        return new CaseCommandResult(await Published(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public async Task<CaseCommandResult> Resolve(CaseOutcome outcome, string? note, string actor, ResolutionDetail? detail = null, CaseReferral? referral = null)
    {
        if (IsOpen && S.Status == CaseStatus.Resolved && S.PushPending)
        {
            // A retry while the cancels are still owed: it continues them and answers as the first did.
            await CompleteResolve();
            return new CaseCommandResult(await Published(), CaseRefusal.None);
        }

        if (!IsOpen || S.Status == CaseStatus.Resolved)
        {
            return Refused();
        }

        // A found child who may have been trafficked is referred, not only closed.
        if (outcome == CaseOutcome.Found && referral is null && S.Opening!.Category == CaseCategory.SuspectedTrafficking)
        {
            return new CaseCommandResult(Snapshot(), CaseRefusal.ReferralRequired);
        }

        // Every country the zone has ever reached, even one its silo's ticker reached before a crash
        // took the unstored record of it: every partner told of the case hears its Cancel.
        var widest = Zone.Widest(S.Anchors.ToAnchors(), S.Opening!.TravelMode, zonePolicy.Value, Now);
        CaseBorders.Record(S, [.. _borderDistances.Reached([.. widest.Select(c => new AnchorCircle(c.Centre.Lat, c.Centre.Lon, Now, c.RadiusKm))])], Now);

        // "Resolving" is stored before anyone is told: from here the case is out of every public
        // payload (its zone carries no child), and no tile alerts a newcomer for it (IsAlerting).
        CaseEscalation.DropOnResolve(S, actor, Now);
        CaseLifecycle.Resolve(S, outcome, note, actor, Now, detail);
        if (referral is not null)
        {
            CaseLifecycle.Refer(S, referral, actor, Now);
        }

        await Save();
        LeaveTicker();
        await CompleteResolve();
        CaseLog.Resolved(logger, CaseId, outcome);
        return new CaseCommandResult(await Published(), CaseRefusal.None);
    }

    /// <inheritdoc />
    public Task<bool> IsAlerting() => Task.FromResult(_storedActive);

    /// <inheritdoc />
    public Task<DateTimeOffset?> PublicChangedAt() => Task.FromResult(IsOpen ? S.PublicChangedAt : null);

    /// <inheritdoc />
    public Task<ChildProfile?> AlertingChild() =>
        Task.FromResult(_storedActive ? S.Opening!.Child : null);

    /// <inheritdoc />
    public async Task RefreshZone()
    {
        if (!IsOpen || S.Status != CaseStatus.Active)
        {
            return;
        }

        if (S.PushedZone is null || S.PushPending)
        {
            // A change stored but never pushed (its push failed): that push, not a growth of its own.
            await FinishOwed();
            await Published();
            return;
        }

        if (!await ReadyToGrow())
        {
            // Growth would go unstored while the record says none is (see OnActivateAsync).
            return;
        }

        var zone = ComputeZone();
        if (!zone.ToZone().DiffersMateriallyFrom(S.PushedZone?.ToZone(), zonePolicy.Value))
        {
            if (_lastPublished is null)
            {
                // Reactivated, nothing published yet: the ticker grows a case only from a published
                // snapshot, and without one it would hand this case back every tick (a zone at its
                // widest never grows again).
                PublishSnapshot();
            }

            return;
        }

        // Growth is derived from the clock, not accepted from anyone: it is not stored when it
        // changed nothing else (GrowthWrites). A crash loses only unstored ticks, which the next one
        // makes up for, at a version above every one a tile may have heard (GrowthWrites.Resume).
        CaseLifecycle.ZoneExpanded(S, zone, Now);

        // The zone just computed, at the version the expansion gave it (not computed a second time).
        if (await PushZone(zone with { Version = S.Version }, growth: true) > 0)
        {
            // A tile may have sent this version: the tally must know it before anyone acknowledges it.
            await Published();
            return;
        }

        // A version no tile was told, so nobody can acknowledge it: the tally is not asked (its
        // figures reach the control room on their own as they move), a grain call less per case.
        PublishSnapshot();
    }

    /// <summary>
    /// The wake-up reminder: activating the case has joined its silo's zone tick (and finished any push a
    /// crash cut short); the zone now catches up with the time it was asleep, alerting whoever it
    /// reaches by now. A case no longer active drops the reminder.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetentionReminder)
        {
            await ApplyRetention();
            return;
        }

        if (reminderName != WakeUpReminder)
        {
            return;
        }

        if (IsOpen && S.Status == CaseStatus.Active)
        {
            // A listing or push cut short (a failure, or a crash before AfterActivation) is finished first.
            await FinishOwed();
            await RefreshZone();
            await DeleteReplacedPhotos();
        }
        else if (IsOpen && S.PushPending)
        {
            // A resolve whose cancels are still owed: the reminder stays until they are done.
            await CompleteResolve();
        }
        else if (await KeepForRetention())
        {
            // Nothing owed, and the purge's own reminder is there (or no purge is due): this one goes.
            await LetSleep();
        }
    }

    /// <inheritdoc />
    public async Task TrackRegion(string tileKey)
    {
        if (!IsOpen)
        {
            return;
        }

        if (S.Status != CaseStatus.Active && !S.PushPending)
        {
            // The cancels went out before a subscriber carried the case into this tile (it crossed
            // during the resolve): the tile's ledger holds it, so the tile gets a cancel of its own.
            await CancelLate(tileKey);
            return;
        }

        if (S.CancelTiles.Add(tileKey))
        {
            await Save();
        }
    }

    /// <inheritdoc />
    // A tile holding the zone is tracked as any tile is: while active, or with cancels still owed,
    // they will reach it; after the cancels went out (it learned the zone from the directory and a
    // crash lost the case's note of it) it gets its own cancel at once, and lets go of the child.
    public Task RegionJoined(string tileKey) => TrackRegion(tileKey);

    /// <summary>A tile the resolved case learns of after its cancels went out (a late tile, or one a subscriber carried the case into): cancelled at once, and noted.</summary>
    private async Task CancelLate(string tileKey)
    {
        await GrainFactory.GetGrain<IRegionGrain>(tileKey).EndCase(ComputeZone());
        if (S.CancelTiles.Add(tileKey) | S.CancelledTiles.Add(tileKey))
        {
            await Save();
        }
    }

    /// <inheritdoc />
    public async Task TellDirectory()
    {
        if (!IsOpen)
        {
            return;
        }

        if (S.Status != CaseStatus.Active && S.PushPending)
        {
            // The directory first, then the owed cancels; a failure keeps the wake-up reminder.
            await CompleteResolve();
            return;
        }

        await UpdateDirectory();
    }

    /// <summary>
    /// Stores the case: sealed journal pages first, then the record that counts them. Growth may
    /// follow unstored, except after a <paramref name="clean"/> deactivation's write (<see cref="GrowthWrites"/>).
    /// </summary>
    private async Task Save(bool clean = false)
    {
        var growthMarked = S.GrowthMayBeUnstored;
        S.GrowthMayBeUnstored = !clean;
        _growthUnstored = false;
        try
        {
            await _journal!.Seal(S);
            await state.WriteStateAsync();
            _storedActive = IsOpen && S.Status == CaseStatus.Active;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change the caller made is not stored, and the caller hears so: this activation goes,
            // and the next call (a retry) starts from what storage holds, as after a crash. Until
            // then growth goes on only as far as storage says it may (ReadyToGrow).
            S.GrowthMayBeUnstored = growthMarked;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Whether this activation may grow the case: storage says growth may go unstored (written now
    /// if it did not). Joins the silo's zone tick once it may.
    /// </summary>
    private async Task<bool> ReadyToGrow()
    {
        if (!S.GrowthMayBeUnstored)
        {
            // Only the flag changes (the state is as loaded), so a refused write leaves memory as
            // storage holds it and the activation can stay: not Save, which would end it, and
            // with it the call that activated it.
            S.GrowthMayBeUnstored = true;
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                S.GrowthMayBeUnstored = false;
                CaseLog.GrowthNotMarked(logger, ex, CaseId);
                if (ex is InconsistentStateException)
                {
                    // Storage moved on (a write that timed out yet landed, or another activation):
                    // this one's etag never matches again. The next activation reads it afresh.
                    DeactivateOnIdle();
                }

                return false;
            }
        }

        JoinTicker();
        return true;
    }

    private ZoneSnapshot ComputeZone() => CaseMapping.ToZoneSnapshot(CaseId, S, zonePolicy.Value, Now);

    private Task PushIfPending() => S.PushPending ? PushZone(ComputeZone()) : Task.CompletedTask;

    /// <summary>
    /// Tells every tile the directory says the zone can reach, and once more the tiles it
    /// has just left, so their alerted subscribers see it move away. Regions are called in parallel.
    /// </summary>
    /// <param name="zone">The zone to push.</param>
    /// <param name="growth">The push only follows the clock (a tick): not stored when nothing else changed.</param>
    /// <returns>How many tiles were told.</returns>
    private async Task<int> PushZone(ZoneSnapshot zone, bool growth = false)
    {
        var shards = regionDirectory.ShardsFor(zone);
        var touched = await PublishToDirectory(zone, shards);
        var targets = touched.Union(S.TouchedTiles).ToList();
        // The tiles tell the case's tally whom they alerted; the sum here is for the log only.
        var newAlerts = (await Task.WhenAll(targets.Select(t => GrainFactory.GetGrain<IRegionGrain>(t).ApplyZone(zone)))).Sum();

        var (tilesBefore, cancelTilesBefore) = (S.TouchedTiles, S.CancelTiles.Count);
        S.DirectoryShards = [.. shards];
        S.TouchedTiles = touched;
        S.CancelTiles.UnionWith(touched);
        S.PushedZone = zone;
        S.PushPending = false;
        var crossed = CaseBorders.Track(S, zone, Now, _borderDistances);
        if (growth && GrowthWrites.MayStaySkipped(S, tilesBefore, cancelTilesBefore, crossed))
        {
            _growthUnstored = true;
        }
        else
        {
            await Save();
        }
        if (crossed)
        {
            // Rare (once per country): the per-country feeds read the directory.
            await UpdateDirectory();
        }

        CaseLog.ZonePushed(logger, CaseId, zone.Version, zone.RadiusKm, targets.Count, newAlerts);
        return targets.Count;
    }

    /// <summary>
    /// Publishes the zone to every directory shard it reaches (<paramref name="reached"/>), and once more to those it has left
    /// (which drop it), and answers with the tiles it can reach. A shard new to the case is stored
    /// before it learns the zone, so a resolve's forgetting reaches every shard that holds it.
    /// </summary>
    private async Task<HashSet<string>> PublishToDirectory(ZoneSnapshot zone, IReadOnlySet<string> reached)
    {
        if (!S.DirectoryShards.IsSupersetOf(reached))
        {
            S.DirectoryShards.UnionWith(reached);
            await Save();
        }

        var answers = await Task.WhenAll(S.DirectoryShards.Select(shard => regionDirectory.Publish(shard, zone)));
        return [.. answers.SelectMany(tiles => tiles)];
    }

    /// <summary>
    /// Finishes a stored resolve: the case directory (the partner feeds and public lists read it),
    /// then the region directory and every tile's cancel (<see cref="SendCancels"/>), each tried
    /// whatever the other did: a failing directory must not keep a found child on every alerted
    /// phone. A step that fails leaves the resolve owed (<see cref="CaseState.PushPending"/>) and
    /// the wake-up reminder registered, which retries until all are done; the request that
    /// resolved still succeeds, and the answer says <c>cancelsPending</c>.
    /// </summary>
    private async Task CompleteResolve()
    {
        Exception? failure = null;
        try
        {
            await UpdateDirectory();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
        }

        try
        {
            await SendCancels(directoryOwed: failure is not null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure ??= ex;
        }

        if (failure is not null)
        {
            CaseLog.CancelsPending(logger, failure, CaseId);
            // Owed until every step is done, the directory's too: the wake-up reminder retries only an owed resolve.
            var changed = !S.PushPending || !S.CancelsDeferred;
            S.PushPending = true;
            if (!S.CancelsDeferred)
            {
                S.CancelsDeferred = true;
                CaseTimeline.Append(S, Now, "cancels-pending", "system");
            }

            if (changed)
            {
                await Save();
            }

            await KeepAwake();
            return;
        }

        try
        {
            if (S.CancelsDeferred)
            {
                S.CancelsDeferred = false;
                CaseTimeline.Append(S, Now, "cancels-completed", "system");
                await Save();
            }

            // Also when a retry or the wake-up finished the resolve: the purge must still come, and
            // until its reminder is there the wake-up stays (or is registered, if it never was).
            if (await KeepForRetention())
            {
                await LetSleep();
            }
            else
            {
                await KeepAwake();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The resolve is done and stored: a failing note of it, or a reminder left behind (the
            // next wake-up drops it), is not a failed resolve, whose retry would be refused as done.
            CaseLog.ResolveTidyFailed(logger, ex, CaseId);
        }
    }

    /// <summary>
    /// Every tile that may hold an alerted subscriber sends its cancels; the final zone carries no
    /// child. Tiles that answer are not asked again; the first that fails is thrown once all have
    /// been asked, so a retry reaches only the rest.
    /// </summary>
    /// <param name="directoryOwed">The case directory's update failed: the resolve stays owed whatever the tiles do.</param>
    private async Task SendCancels(bool directoryOwed)
    {
        var finalZone = ComputeZone();
        // Out of every directory shard first: no region joining from now on learns this zone. Every
        // shard any push of it can have reached, too: the ticker publishes growth to a new shard
        // without a write, and a case opened before shards were recorded recorded none; a ticker on
        // a silo whose clock ran ahead grew it further (forgetting at a shard it never reached is a no-op).
        var widest = Zone.Widest(S.Anchors.ToAnchors(), S.Opening!.TravelMode, zonePolicy.Value, Now + GrowthWrites.ClockSkew);
        var shards = S.DirectoryShards.Union(regionDirectory.ShardsFor(widest));
        // A shard that fails does not hold back the tiles' cancels: it is asked again with the next try.
        Exception? forgetting = null;
        try
        {
            await Task.WhenAll(shards.Select(shard => regionDirectory.Shard(shard).Forget(CaseId)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            forgetting = ex;
        }

        var owed = S.CancelTiles.Except(S.CancelledTiles).ToList();
        var calls = owed.Select(t => GrainFactory.GetGrain<IRegionGrain>(t).EndCase(finalZone)).ToList();
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded below; the first failure is thrown once the tiles that answered are stored.
        }

        for (var i = 0; i < owed.Count; i++)
        {
            if (calls[i].IsCompletedSuccessfully)
            {
                S.CancelledTiles.Add(owed[i]);
            }
        }

        var failed = calls.FirstOrDefault(c => !c.IsCompletedSuccessfully);
        S.TouchedTiles.Clear();
        if (forgetting is null)
        {
            S.DirectoryShards.Clear();
        }

        S.PushPending = failed is not null || forgetting is not null || directoryOwed;
        await Save();
        if (failed is not null)
        {
            await failed;
        }

        if (forgetting is not null)
        {
            ExceptionDispatchInfo.Throw(forgetting);
        }
    }

    /// <summary>
    /// Registers the wake-up reminder (stored: it outlives this activation and this process). A
    /// reminder store that fails must not fail the case's activation or its opening: the zone tick
    /// runs meanwhile, and this activation tries again every period until the store takes it.
    /// </summary>
    private async Task KeepAwake()
    {
        var period = caseOptions.Value.WakeUpPeriod;
        try
        {
            await this.RegisterOrUpdateReminder(WakeUpReminder, period, period);
            StopWakeUpRetry();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.WakeUpNotRegistered(logger, ex, CaseId);

            // Until the reminder is stored this activation is the only thing that wakes the case:
            // left to idle collection, an active case nobody touched would stop growing for good.
            _wakeUpRetry ??= this.RegisterGrainTimer(
                RetryWakeUp, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }
    }

    private Task RetryWakeUp()
    {
        if (!IsOpen)
        {
            // The opening's write failed: there is no case to wake.
            StopWakeUpRetry();
            return Task.CompletedTask;
        }

        return KeepAwake();
    }

    private void StopWakeUpRetry()
    {
        _wakeUpRetry?.Dispose();
        _wakeUpRetry = null;
    }

    private async Task LetSleep()
    {
        StopWakeUpRetry();
        if (await this.GetReminder(WakeUpReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The case as it now stands, also sent to the control room.</summary>
    private async Task<CaseSnapshot> Published()
    {
        await _figures!.Read(CaseId, S.Version);
        return PublishSnapshot();
    }

    /// <summary>Sends the control room the case as it stands, with the figures last read.</summary>
    private CaseSnapshot PublishSnapshot()
    {
        var snapshot = Snapshot();
        var change = CaseChange.Between(_lastPublished, snapshot, zonePolicy.Value);
        _lastPublished = snapshot;
        Publish(new ControlRoomEvent(CaseChanged: snapshot, Change: change));
        return snapshot;
    }

    private void Publish(ControlRoomEvent controlRoomEvent) =>
        controlRoom.Post(controlRoomEvent);

    private async Task UpdateDirectory()
    {
        _directoryOwed = true;
        await caseDirectory.Upsert(CaseMapping.ToSummary(CaseId, S));
        _directoryOwed = false;
    }

    /// <summary>
    /// Finishes what a stored change of an active case still owes when a step after its write
    /// failed: the zone push first (it alerts; a case list that is down must not hold it back),
    /// then its line in the case list, which the feeds and the control room's list read.
    /// </summary>
    /// <param name="listChanged">The change just stored shows on the list: its line is owed too.</param>
    private async Task FinishOwed(bool listChanged = false)
    {
        if (!IsOpen || S.Status != CaseStatus.Active)
        {
            return;
        }

        _directoryOwed |= listChanged;

        if (S.PushedZone is null || S.PushPending)
        {
            await PushZone(ComputeZone());
        }

        if (_directoryOwed)
        {
            await UpdateDirectory();
        }
    }

    private CaseSnapshot Snapshot() => CaseMapping.ToSnapshot(CaseId, S, ComputeZone(), _figures!.Last);

    private CaseCommandResult Refused() =>
        new(IsOpen ? Snapshot() : null, IsOpen ? CaseRefusal.Resolved : CaseRefusal.NotFound);
}
