using System.Collections.Concurrent;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Dispatch;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The zone tick of every active case activated on this silo, in one pass
/// (<see cref="CaseOptions.ZoneTickInterval"/>): a zone is a pure function of its anchors, travel
/// mode and the time, so growing it needs no turn of its case. Which tiles a grown zone reaches
/// comes from the silo's copy of its directory shards' tiles (<see cref="ShardMirror"/>, one call
/// per shard and tick, empty while they are unchanged), measured again only when the zone has
/// grown by its slack (<see cref="GrowthReach"/>); the shards themselves grow the zones they hold
/// when a latecomer asks, so growth is published only to a shard new to the zone (one call per
/// shard with all of the tick's zones for it). The zone goes to its tiles, and the control room
/// gets <c>{ caseId, version, zone }</c>: a thousand cases cost a handful of directory calls
/// instead of a thousand case calls. A zone that reaches a new country updates the case's
/// directory line (the per-country feeds read it); the case records the crossing at its next call.
/// What only the case may do is handed to it (<see cref="ICaseGrain.RefreshZone"/>): a push that
/// reaches a new tile, or leaves one (the case stores those with it, for its cancels). A growth
/// push is not stored (<see cref="GrowthWrites"/>): after a crash the case goes on above every
/// version it can have used.
/// </summary>
public sealed class ZoneTicker(
    IGrainFactory grains,
    RegionDirectory regionDirectory,
    ShardMirror mirror,
    CaseDirectory caseDirectory,
    ControlRoomOutbox controlRoom,
    IOptions<ZonePolicy> zonePolicy,
    IOptions<CaseOptions> caseOptions,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<ZoneTicker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, GrowthCard> _cards = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    // The shards this silo's cases have been published to: their tiles are copied each tick.
    private readonly HashSet<string> _shardsInUse = [];

    /// <summary>How many cases this silo grows.</summary>
    public int Count => _cards.Count;

    /// <summary>The case <paramref name="caseId"/> is activated here: its card, which it keeps until <see cref="Leave"/>.</summary>
    internal GrowthCard Join(string caseId, ICaseGrain grain, BorderDistances borders)
    {
        var card = new GrowthCard(grain, borders);
        _cards[caseId] = card;
        return card;
    }

    /// <summary>The case's activation ends: the ticker forgets its card.</summary>
    internal void Leave(string caseId, GrowthCard card) => _cards.TryRemove(new KeyValuePair<string, GrowthCard>(caseId, card));

    /// <summary>
    /// One tick: grows every case whose zone changed materially since its last push, and hands to
    /// its case what only the case may do. Answers once every push and hand-off has finished.
    /// </summary>
    public async Task Tick()
    {
        await _oneAtATime.WaitAsync();
        try
        {
            var now = clock.GetUtcNow();
            var policy = zonePolicy.Value;
            await mirror.Refresh(_shardsInUse);

            // The pass is computation per case, spread over the cores: each grows its zone and,
            // when it reaches no shard new to it (its tiles are known), finishes the push at once.
            var cards = _cards.Values.ToArray();
            var steps = new PassStep[cards.Length];
            ParallelRanges.For(cards.Length, i => steps[i] = Pass(cards[i], policy, now));

            // The zones that reached a new shard go to their shards, which answer their tiles;
            // then their pushes are finished as the pass finished the others.
            await PublishToDirectory([.. steps.Where(s => s.Publishing is not null).Select(s => s.Publishing!)]);
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].Publishing is { } push)
                {
                    _shardsInUse.UnionWith(push.Shards);
                    try
                    {
                        steps[i] = Finish(push);
                    }
                    catch (Exception ex)
                    {
                        steps[i] = Dropped(push.Card, ex);
                    }
                }
            }

            await Task.WhenAll(steps.Where(s => s.Completing is not null).Select(s => s.Completing!));
            await Task.WhenAll(steps.Where(s => s.HandOffTo is not null).Select(s => HandOff(s.HandOffTo!)));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// A case whose step threw: its card is let go and its zone waits for the next tick. One case's
    /// failure may not end the tick for the others: their cards would stay the ticker's, and every
    /// later call to their cases would wait for ever.
    /// </summary>
    private PassStep Dropped(GrowthCard card, Exception ex)
    {
        CaseLog.GrowthNotPushed(logger, ex, card.Grain.GetPrimaryKeyString());
        card.End();
        return default;
    }

    /// <summary>What the pass did with one case: a push to publish first, a push under way, or a hand-off to the case (its grain).</summary>
    private readonly record struct PassStep(GrowthPush? Publishing, Task? Completing, ICaseGrain? HandOffTo);

    /// <summary>One case in the pass: its grown zone, finished here unless it must be published first.</summary>
    private PassStep Pass(GrowthCard card, ZonePolicy policy, DateTimeOffset now)
    {
        try
        {
            var (push, handOff) = Scan(card, policy, now);
            if (push is null)
            {
                return new PassStep(null, null, handOff ? card.Grain : null);
            }

            return push.Publishes ? new PassStep(push, null, null) : Finish(push);
        }
        catch (Exception ex)
        {
            // Any exception, an OperationCanceledException too: nothing cancels a tick (see Dropped).
            return Dropped(card, ex);
        }
    }

    /// <summary>
    /// Ends one push once its tiles are known: dropped when a shard failed it, handed to the case
    /// when it reaches a tile new to the case (or leaves one), else completed here (the task).
    /// </summary>
    private PassStep Finish(GrowthPush push)
    {
        if (push.Failure is { } failure)
        {
            // The zone stays unpushed: the next tick tries again, at a newer version, and
            // publishes again to the shards new to it (some may not have heard this one).
            CaseLog.GrowthNotPushed(logger, failure, push.Basis.CaseId);
            push.Card.End(push.Basis with { Version = push.Zone.Version });
            return default;
        }

        var tiles = push.Tiles();
        if (!tiles.SetEquals(push.Basis.Tiles))
        {
            // A tile new to the case (or one it left): the case records it with its own push.
            // Its version is used only if a shard heard it (else the case's push takes it).
            push.Card.End(push.Publishes ? push.Used : null);
            return new PassStep(null, null, push.Card.Grain);
        }

        return new PassStep(null, Complete(push, tiles), null);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(caseOptions.Value.ZoneTickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await Tick();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A tick that fails must not end the loop (nor, as a hosted service's failure, the silo).
                    CaseLog.TickFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>
    /// What this tick does with one case: nothing (in a call, or not grown enough), a push of its
    /// grown zone, or a hand-off to the case (only its turn can make this push).
    /// </summary>
    private (GrowthPush? Push, bool HandOff) Scan(GrowthCard card, ZonePolicy policy, DateTimeOffset now)
    {
        var start = card.TryBegin(out var basis);
        if (start != GrowthStart.Grow)
        {
            return (null, start == GrowthStart.HandOff);
        }

        var grown = false;
        try
        {
            var result = Grow(card, basis, policy, now);
            grown = true;
            return result;
        }
        finally
        {
            if (!grown)
            {
                // It threw (the tick logs it): a card left busy would keep its case's next call waiting for ever.
                card.End();
            }
        }
    }

    /// <summary>The push of a case's grown zone, when it grew materially; the card is the ticker's until <see cref="GrowthCard.End"/>.</summary>
    private (GrowthPush? Push, bool HandOff) Grow(GrowthCard card, GrowthBasis basis, ZonePolicy policy, DateTimeOffset now)
    {
        var zone = basis.NextZone(policy, now);
        var domainZone = zone.ToZone();
        if (!domainZone.DiffersMateriallyFrom(PushedZone(card, basis), policy))
        {
            card.End();
            return (null, false);
        }

        var crossed = card.Borders.ReachedBeyond(zone.Anchors, basis.Countries);
        var horizons = card.Horizons;
        var reached = regionDirectory.ShardsFor(domainZone.ShapingCircles, basis.Shards, ref horizons);
        card.Horizons = horizons;

        // Within the shards it holds already, the tiles it reaches come from the silo's copy of
        // theirs; a shard new to it must hold it first (for its latecomers), so it is published.
        GrowthReach? reach = null;
        if (ReferenceEquals(reached, basis.Shards))
        {
            reach = card.Reach is { } known && known.Holds(basis.Shards, zone.Anchors, mirror)
                ? known
                : GrowthReach.Measure(basis.Shards, zone.Anchors, domainZone, mirror);
        }

        card.Reach = reach;
        return (new GrowthPush(card, basis, zone, domainZone, reached, crossed, reach?.Tiles), false);
    }

    /// <summary>The domain zone of the basis' last push, built once per push.</summary>
    private static Zone PushedZone(GrowthCard card, GrowthBasis basis)
    {
        if (card.Pushed is not { } pushed || !ReferenceEquals(pushed.Snapshot, basis.PushedZone))
        {
            card.Pushed = pushed = (basis.PushedZone, basis.PushedZone.ToZone());
        }

        return pushed.Zone;
    }

    /// <summary>
    /// Publishes the grown zones that reach a shard new to them to all their shards: one call per
    /// shard with all of this tick's zones for it, whatever the shard answers written into each
    /// push. A resolve forgets every shard a zone can ever have reached, so a new shard needs no
    /// write first.
    /// </summary>
    private async Task PublishToDirectory(List<GrowthPush> grown)
    {
        var byShard = new Dictionary<string, List<(GrowthPush Push, int Slot)>>();
        foreach (var push in grown)
        {
            for (var i = 0; i < push.Shards.Length; i++)
            {
                if (!byShard.TryGetValue(push.Shards[i], out var waiting))
                {
                    byShard[push.Shards[i]] = waiting = [];
                }

                waiting.Add((push, i));
            }
        }

        await Task.WhenAll(byShard.Select(async shard =>
        {
            try
            {
                var answers = await regionDirectory.Shard(shard.Key).Publish([.. shard.Value.Select(w => w.Push.Zone)]);
                for (var i = 0; i < answers.Length; i++)
                {
                    shard.Value[i].Push.Answers[shard.Value[i].Slot] = answers[i];
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                foreach (var (push, _) in shard.Value)
                {
                    push.Failure ??= ex;
                }
            }
        }));
    }

    /// <summary>
    /// Sends the grown zone to its tiles (the same tiles as its last push), lists the countries it
    /// reached first in the case directory, then tells the control room.
    /// </summary>
    private async Task Complete(GrowthPush push, IReadOnlySet<string> tiles)
    {
        try
        {
            await PushGrown(push, tiles);
        }
        catch (Exception ex)
        {
            // Each End in PushGrown is its last step, so a throw left the card the ticker's: let it
            // go, whatever the exception (an OperationCanceledException too; nothing cancels a tick).
            Dropped(push.Card, ex);
        }
    }

    private async Task PushGrown(GrowthPush push, IReadOnlySet<string> tiles)
    {
        var (basis, zone) = (push.Basis, push.Zone);
        var stats = basis.LastPublished.Stats;
        if (tiles.Count > 0)
        {
            try
            {
                await Task.WhenAll(tiles.Select(tile => grains.GetGrain<IRegionGrain>(tile).ApplyZone(zone)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CaseLog.GrowthNotPushed(logger, ex, basis.CaseId);
                push.Card.End(push.Used);
                return;
            }

            // A tile may have sent this version: the tally must know it before anyone acknowledges it.
            stats = await Figures(basis.CaseId, zone.Version, stats);
        }

        var (known, countries, crossed) = (basis.Countries, basis.LastPublished.Countries, push.Crossed);
        if (crossed.Length > 0)
        {
            var reached = new HashSet<string>(known.Concat(crossed));
            string[] listed = [.. Countries.Codes.Where(reached.Contains)];
            if (await ListCountries(basis, zone.Version, listed))
            {
                (known, countries) = (reached, listed);
            }
            else
            {
                // Not listed: not recorded either, so the next push finds the crossing again.
                crossed = [];
            }
        }

        // The push is made: the control room hears { caseId, version, zone }, and the card goes on from it.
        var snapshot = basis.LastPublished with
        {
            Version = zone.Version, Zone = zone, Stats = stats, Countries = countries, PublicVersion = zone.Version, PublicChangedAt = zone.ComputedAt,
        };
        controlRoom.Post(new ControlRoomEvent(CaseChanged: snapshot, Change: CaseChange.Grown(statsChanged: stats != basis.LastPublished.Stats)));
        CaseLog.ZoneGrown(logger, basis.CaseId, zone.Version, zone.RadiusKm, tiles.Count);
        push.Card.Pushed = (zone, push.DomainZone);
        var next = basis with { Version = zone.Version, Shards = push.ReachedShards, PushedZone = zone, LastPublished = snapshot, Countries = known };
        push.Card.End(next, GrownZone.Of(zone, crossed));
    }

    /// <summary>The case's directory line, now with every country its zone has reached (the per-country feeds read it); false when the directory did not take it.</summary>
    private async Task<bool> ListCountries(GrowthBasis basis, long version, string[] countries)
    {
        try
        {
            await caseDirectory.Upsert(basis.Line with { Version = version, Countries = countries });
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.CountriesNotListed(logger, ex, basis.CaseId, string.Join(',', countries));
            return false;
        }
    }

    private async Task<CaseStats> Figures(string caseId, long version, CaseStats last)
    {
        try
        {
            return await grains.GetGrain<ICaseTallyGrain>(caseId).GetStats(version);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.FiguresNotRead(logger, ex, caseId);
            return last;
        }
    }

    private async Task HandOff(ICaseGrain grain)
    {
        try
        {
            await grain.RefreshZone();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.GrowthNotPushed(logger, ex, grain.GetPrimaryKeyString());
        }
    }
}
