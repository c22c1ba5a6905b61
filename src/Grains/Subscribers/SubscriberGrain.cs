using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Subscribers;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Subscribers;

/// <inheritdoc cref="ISubscriberGrain" />
// A subscriber is idle nearly always: its tile's index is what matching reads, so the grain
// leaves memory soon after its last call (storage keeps it), not after Orleans' default 15 min.
[CollectionAgeLimit(Minutes = 2)]
public sealed class SubscriberGrain(
    [PersistentState("subscriber", StorageNames.Default)] IPersistentState<SubscriberState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    IOptions<RegionOptions> regionOptions,
    IOptions<CaseOptions> caseOptions,
    ControlRoomOutbox controlRoom) : Grain, ISubscriberGrain, IRemindable
{
    /// <summary>The reminder that tells carried cases of the tile until each has answered (<see cref="SubscriberState.UntoldCases"/>).</summary>
    private const string UntoldCasesReminder = "untold-cases";

    /// <summary>The most push subscriptions one subscriber keeps: its phones.</summary>
    public const int MaxPushSubscriptions = 5;

    private SubscriberState S => state.State;

    // This activation registered the untold-cases reminder (it stays until they are all told).
    private bool _untoldReminder;

    // A record stored with one subscription (Push) reads as a list of it; any write keeps the list.
    private PushSubscriptionRecord[] Pushes
    {
        get => S.Pushes.Length > 0 || S.Push is not { } legacy ? S.Pushes : [legacy];
        set => (S.Pushes, S.Push) = (value, null);
    }

    private string SubscriberId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task Subscribe(SubscriberProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        S.Profile = profile;
        await Place();
    }

    /// <inheritdoc />
    public async Task<bool> UpdateLocation(double lat, double lon)
    {
        if (S.Profile is null)
        {
            return false;
        }

        S.Profile = S.Profile with { Lat = lat, Lon = lon };
        await Place();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> SetExercises(bool exercises)
    {
        if (await GetProfile() is not { } profile)
        {
            return false;
        }

        if (profile.Exercises != exercises)
        {
            // Placed again, as a move is: the tile's index entry, which matching reads, holds the flag.
            S.Profile = profile with { Exercises = exercises };
            await Place();
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<bool> Unsubscribe()
    {
        if (S.Profile is null)
        {
            return false;
        }

        if (S.Tile is { } tile)
        {
            await GrainFactory.GetGrain<IRegionGrain>(tile).Remove(SubscriberId);
        }

        if (S.UntoldCases.Length > 0 || _untoldReminder)
        {
            // Erased means erased: not even the id is left in the reminder table.
            await ForgetUntoldReminder();
        }

        var field = S.Profile.Kind == SubscriberKind.Field;
        await state.ClearStateAsync();
        if (field)
        {
            // Its position is gone: the control room no longer shows where the team was.
            controlRoom.Post(new ControlRoomEvent(FieldTeamLeft: SubscriberId));
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<string[]> GetAlertedCases()
    {
        var inTile = S.Tile is { } tile ? await GrainFactory.GetGrain<IRegionGrain>(tile).AlertedCases(SubscriberId) : [];
        return [.. inTile.Union(S.AlertedCases)];
    }

    /// <inheritdoc />
    public Task<bool> IsSubscribed() => Task.FromResult(S.Profile is not null);

    /// <inheritdoc />
    public async Task<bool> SetPush(PushSubscriptionRecord? push)
    {
        if (S.Profile is null)
        {
            return false;
        }

        Pushes = push is null ? [] : [.. Pushes.Where(p => p.Endpoint != push.Endpoint).TakeLast(MaxPushSubscriptions - 1), push];
        await StorePushes();
        return true;
    }

    /// <inheritdoc />
    public Task<PushSubscriptionRecord?> GetPush() => Task.FromResult(Pushes.LastOrDefault());

    /// <inheritdoc />
    public Task<PushSubscriptionRecord[]> GetPushes() => Task.FromResult(Pushes);

    /// <inheritdoc />
    public async Task<bool> RemovePush(string endpoint)
    {
        if (S.Profile is null)
        {
            return false;
        }

        if (Pushes.Any(p => p.Endpoint == endpoint))
        {
            Pushes = [.. Pushes.Where(p => p.Endpoint != endpoint)];
            await StorePushes();
        }

        return true;
    }

    private async Task StorePushes()
    {
        await state.WriteStateAsync();
        if (S.Tile is { } tile)
        {
            // Also when the record already said so: a retry after the tile's call failed must reach it
            // (the tile answers at once when nothing changes).
            await GrainFactory.GetGrain<IRegionGrain>(tile).SetPush(SubscriberId, Pushes.Length > 0);
        }
    }

    /// <inheritdoc />
    public Task<FieldTeamPosition?> GetFieldPosition() => Task.FromResult(
        S.Profile is { Kind: SubscriberKind.Field, Lat: { } lat, Lon: { } lon } && S.PositionAt is { } at
            ? new FieldTeamPosition(SubscriberId, lat, lon, at)
            : null);

    /// <inheritdoc />
    public async Task<SubscriberProfile?> GetProfile()
    {
        // A public subscriber's moves within its tile are stored by the tile alone (IRegionGrain.MoveMany):
        // it holds the latest position. A field team's every move comes through here.
        if (S.Profile is { Kind: not SubscriberKind.Field } profile && S.Tile is { } tile
            && await GrainFactory.GetGrain<IRegionGrain>(tile).Find(SubscriberId) is { } held)
        {
            return profile with { Lat = held.Lat, Lon = held.Lon };
        }

        return S.Profile;
    }

    /// <summary>
    /// Puts the subscriber in the tile of its position. Crossing into another tile takes it out of
    /// the old one first and carries whom it was alerted by, so it never gets a second <c>new</c>.
    /// </summary>
    private async Task Place()
    {
        var profile = S.Profile!;
        string? tile = profile.Lat is { } lat && profile.Lon is { } lon
            ? TileKey.FromPoint(new GeoPoint(lat, lon), regionOptions.Value.TileZoom).ToGrainKey()
            : null;
        if (S.Tile is { } oldTile && oldTile != tile)
        {
            await Leave(GrainFactory.GetGrain<IRegionGrain>(oldTile));
        }

        if (tile is null)
        {
            // No position: in no tile, so alerted nowhere until a position arrives.
            await state.WriteStateAsync();
            return;
        }

        var entry = new RegionSubscriber(
            SubscriberId, profile.Lat!.Value, profile.Lon!.Value, profile.WatchRadiusKm, profile.Kind, profile.Language, Pushes.Length > 0, profile.Exercises);
        var region = GrainFactory.GetGrain<IRegionGrain>(tile);
        var newToTile = S.Tile != tile;
        string[] unknownToTile;
        try
        {
            unknownToTile = await region.Place(entry, S.AlertedCases);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The tile may have stored the position before its own write failed.
            await Unstored(region, newToTile, ex);
            throw;
        }

        S.Tile = tile;
        S.AlertedCases = [];
        // Stored with the placement: a case that cannot be told now is told later, never forgotten.
        // Those owed to a tile it left are not: that tile let go of the subscriber, and they came along.
        S.UntoldCases = newToTile ? unknownToTile : [.. S.UntoldCases.Union(unknownToTile)];
        S.PositionAt = profile.Kind == SubscriberKind.Field ? clock.GetUtcNow() : null;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Unstored(region, newToTile, ex);
            throw;
        }

        await TellUntoldCases(fromReminder: false);
        if (profile.Kind == SubscriberKind.Field)
        {
            // The control room watches its teams move; the public never sees this.
            controlRoom.Post(new ControlRoomEvent(
                FieldTeamMoved: new FieldTeamPosition(SubscriberId, entry.Lat, entry.Lon, S.PositionAt ?? clock.GetUtcNow())));
        }
    }

    /// <summary>
    /// Tells each case carried into this tile whose zone never reached it that its cancel is owed
    /// here. One that does not answer (its silo dying, its write failing) is told again by a
    /// reminder, not with the next move, which goes to the tile alone: missed, the case's resolve
    /// would never reach this tile, and the phone would go on showing the child.
    /// </summary>
    private async Task TellUntoldCases(bool fromReminder)
    {
        if (S.UntoldCases.Length > 0 && S.Tile is { } tile)
        {
            var cases = S.UntoldCases;
            var calls = cases.Select(caseId => GrainFactory.GetGrain<ICaseGrain>(caseId).TrackRegion(tile)).ToArray();
            try
            {
                await Task.WhenAll(calls);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Those that failed stay owed, below.
            }

            // Not stored when all answered: telling a case again is harmless, and the next placement replaces the list.
            S.UntoldCases = [.. cases.Where((_, i) => !calls[i].IsCompletedSuccessfully)];
        }

        if (S.UntoldCases.Length > 0)
        {
            // Once per activation: a field team moving every 10 s would otherwise rewrite it each time.
            if (!fromReminder && !_untoldReminder)
            {
                var period = caseOptions.Value.WakeUpPeriod;
                await this.RegisterOrUpdateReminder(UntoldCasesReminder, period, period);
                _untoldReminder = true;
            }
        }
        else if (fromReminder)
        {
            await ForgetUntoldReminder();
        }
    }

    private async Task ForgetUntoldReminder()
    {
        if (await this.GetReminder(UntoldCasesReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _untoldReminder = false;
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == UntoldCasesReminder ? TellUntoldCases(fromReminder: true) : Task.CompletedTask;

    /// <summary>
    /// Takes the subscriber out of the tile it leaves, carrying whom that tile alerted it by. They are
    /// stored here before the tile lets go: were they only in memory, a failure further on (the new
    /// tile's write, or this record's) would lose them, and the next tile would alert the subscriber
    /// again, with no cancel owed to it.
    /// </summary>
    private async Task Leave(IRegionGrain oldTile)
    {
        if (Carry(await oldTile.AlertedCases(SubscriberId)))
        {
            await StoreOrStartOver();
        }

        // Cases that reached the subscriber since the read above are in memory only until the next
        // write: a window of one call.
        Carry(await oldTile.Remove(SubscriberId));
        S.Tile = null;
    }

    /// <summary>Adds <paramref name="cases"/> to those carried; true when any was new.</summary>
    private bool Carry(string[] cases)
    {
        var carried = S.AlertedCases.Union(cases).ToArray();
        var added = carried.Length > S.AlertedCases.Length;
        S.AlertedCases = carried;
        return added;
    }

    private async Task StoreOrStartOver()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next call starts from what storage holds, not from this activation's memory.
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A placement that the tile or the subscriber's own record could not store: a tile new to the
    /// subscriber lets go of it again (else it would keep a position, and alert an id, that no record owns and no erasure
    /// reaches), and the activation goes, so the next call starts from what storage holds.
    /// </summary>
    private async Task Unstored(IRegionGrain region, bool newToTile, Exception cause)
    {
        DeactivateOnIdle();
        if (!newToTile)
        {
            return;
        }

        try
        {
            await region.Remove(SubscriberId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AggregateException(cause, ex);
        }
    }
}
