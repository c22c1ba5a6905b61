using System.Collections.Concurrent;
using EarlyWarning.Domain.Cases;
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
/// mode and the time, so growing it needs no turn of its case. Each grown zone goes to its
/// directory shards (one call per shard with all of the tick's zones for it) and its tiles, and the
/// control room gets <c>{ caseId, version, zone }</c>; a thousand cases cost a handful of directory
/// calls instead of a thousand case calls. What only the case may do is handed to it
/// (<see cref="ICaseGrain.RefreshZone"/>): a push that reaches a new tile or country (the case
/// records those with it). A growth push that changes nothing else is not stored
/// (<see cref="GrowthWrites"/>): after a crash the case goes on above every version it can have used.
/// </summary>
public sealed class ZoneTicker(
    IGrainFactory grains,
    RegionDirectory regionDirectory,
    ControlRoomOutbox controlRoom,
    IOptions<ZonePolicy> zonePolicy,
    IOptions<CaseOptions> caseOptions,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<ZoneTicker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, GrowthCard> _cards = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

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

            // The pass is pure computation per case: spread over the cores.
            var cards = _cards.Values.ToArray();
            var scanned = new (GrowthPush? Push, bool HandOff)[cards.Length];
            Parallel.For(0, cards.Length, i => scanned[i] = Scan(cards[i], policy, now));
            var grown = scanned.Where(s => s.Push is not null).Select(s => s.Push!).ToList();
            var handOffs = cards.Where((_, i) => scanned[i].HandOff).Select(c => c.Grain).ToList();

            await PublishToDirectory(grown);
            var reachingTiles = new List<Task>();
            foreach (var push in grown)
            {
                if (push.Failure is { } failure)
                {
                    // The zone stays unpushed: the next tick tries again, at a newer version.
                    CaseLog.GrowthNotPushed(logger, failure, push.Basis.CaseId);
                    push.Card.End(push.Used);
                    continue;
                }

                var tiles = push.Tiles();
                if (!tiles.SetEquals(push.Basis.Tiles))
                {
                    // A tile new to the case (or one it left): the case records it with its own push.
                    push.Card.End(push.Used);
                    handOffs.Add(push.Card.Grain);
                }
                else if (tiles.Count == 0)
                {
                    Publish(push, push.Basis.LastPublished.Stats, 0);
                }
                else
                {
                    reachingTiles.Add(ReachTiles(push, tiles));
                }
            }

            await Task.WhenAll(reachingTiles);
            await Task.WhenAll(handOffs.Select(HandOff));
        }
        finally
        {
            _oneAtATime.Release();
        }
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

        var zone = basis.NextZone(policy, now);
        var domainZone = zone.ToZone();
        if (!domainZone.DiffersMateriallyFrom(PushedZone(card, basis), policy))
        {
            card.End();
            return (null, false);
        }

        if (card.Borders.ReachesBeyond(zone.Anchors, basis.Countries))
        {
            // A new country: the case records it (timeline, the per-country feeds) with its push.
            card.End();
            return (null, true);
        }

        var horizons = card.Horizons;
        var reached = regionDirectory.ShardsFor(domainZone.ShapingCircles, basis.Shards, ref horizons);
        card.Horizons = horizons;
        return (new GrowthPush(card, basis, zone, domainZone, reached), false);
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
    /// Publishes every grown zone to its directory shards: one call per shard with all of this
    /// tick's zones for it, whatever the shard answers written into each push. A resolve forgets
    /// every shard a zone can ever have reached, so a new shard needs no write first.
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

    /// <summary>Sends the grown zone to its tiles (the same tiles as its last push), then tells the control room.</summary>
    private async Task ReachTiles(GrowthPush push, HashSet<string> tiles)
    {
        try
        {
            await Task.WhenAll(tiles.Select(tile => grains.GetGrain<IRegionGrain>(tile).ApplyZone(push.Zone)));

            // A tile may have sent this version: the tally must know it before anyone acknowledges it.
            Publish(push, await Figures(push.Basis.CaseId, push.Zone.Version, push.Basis.LastPublished.Stats), tiles.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.GrowthNotPushed(logger, ex, push.Basis.CaseId);
            push.Card.End(push.Used);
        }
    }

    /// <summary>The push is made: the control room hears <c>{ caseId, version, zone }</c>, and the case's card goes on from it.</summary>
    private void Publish(GrowthPush push, CaseStats stats, int tiles)
    {
        var (basis, zone) = (push.Basis, push.Zone);
        var snapshot = basis.LastPublished with { Version = zone.Version, Zone = zone, Stats = stats };
        controlRoom.Post(new ControlRoomEvent(CaseChanged: snapshot, Change: CaseChange.Grown(statsChanged: stats != basis.LastPublished.Stats)));
        CaseLog.ZonePushed(logger, basis.CaseId, zone.Version, zone.RadiusKm, tiles, 0);
        push.Card.Pushed = (zone, push.DomainZone);
        push.Card.End(push.Used with { PushedZone = zone, LastPublished = snapshot }, zone);
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
