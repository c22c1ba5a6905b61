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
/// directory shards (batched per shard by <see cref="RegionDirectory"/>) and its tiles, and the
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
            var pushes = new List<Task>();
            var handOffs = new List<ICaseGrain>();
            foreach (var card in _cards.Values)
            {
                var start = card.TryBegin(out var basis);
                if (start == GrowthStart.HandOff)
                {
                    handOffs.Add(card.Grain);
                }

                if (start != GrowthStart.Grow)
                {
                    continue;
                }

                var zone = basis.NextZone(policy, now);
                var domainZone = zone.ToZone();
                if (!domainZone.DiffersMateriallyFrom(PushedZone(card, basis), policy))
                {
                    card.End();
                }
                else if (!card.Borders.ReachesBeyond(zone.Anchors, basis.Countries))
                {
                    pushes.Add(Push(card, basis, zone, domainZone));
                }
                else
                {
                    card.End();
                    handOffs.Add(card.Grain);
                }
            }

            await Task.WhenAll(pushes);
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
                await Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
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
    /// Pushes a grown zone: to the directory shards it reaches and those it reached before (which
    /// drop it once it has left them: a resolve forgets every shard the zone can ever have reached,
    /// so a new shard needs no write first), then to its tiles, then to the control room. A zone
    /// that reaches a tile new to the case (or leaves one) is handed to the case, which records it.
    /// </summary>
    private async Task Push(GrowthCard card, GrowthBasis basis, ZoneSnapshot zone, Zone domainZone)
    {
        // The directory hears this version at once: whatever happens next, it is used.
        var reached = regionDirectory.ShardsFor(domainZone.ShapingCircles);
        var sameShards = basis.Shards.SetEquals(reached);
        var used = basis with { Version = zone.Version, Shards = sameShards ? basis.Shards : reached };
        try
        {
            var shards = sameShards ? basis.Shards : basis.Shards.Union(reached);
            var answers = await Task.WhenAll(shards.Select(shard => regionDirectory.Publish(shard, zone)));
            HashSet<string> tiles = answers.All(a => a.Length == 0) ? [] : [.. answers.SelectMany(t => t)];
            if (!tiles.SetEquals(basis.Tiles))
            {
                // A tile new to the case (or one it left): the case records it with its own push.
                card.End(used);
                await HandOff(card.Grain);
                return;
            }

            await Task.WhenAll(tiles.Select(tile => grains.GetGrain<IRegionGrain>(tile).ApplyZone(zone)));
            var stats = basis.LastPublished.Stats;
            if (tiles.Count > 0)
            {
                // A tile may have sent this version: the tally must know it before anyone acknowledges it.
                stats = await Figures(basis.CaseId, zone.Version, stats);
            }

            var snapshot = basis.LastPublished with { Version = zone.Version, Zone = zone, Stats = stats };
            controlRoom.Post(new ControlRoomEvent(CaseChanged: snapshot, Change: CaseChange.Grown(statsChanged: stats != basis.LastPublished.Stats)));
            CaseLog.ZonePushed(logger, basis.CaseId, zone.Version, zone.RadiusKm, tiles.Count, 0);
            card.Pushed = (zone, domainZone);
            card.End(used with { PushedZone = zone, LastPublished = snapshot }, zone);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The zone stays unpushed: the next tick tries again, at a newer version.
            CaseLog.GrowthNotPushed(logger, ex, basis.CaseId);
            card.End(used);
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
