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
/// (<see cref="ICaseGrain.RefreshZone"/>): a push that reaches a new tile, shard or country (the
/// case stores those before or with it), and the growth push that must be stored (one in
/// <see cref="GrowthWrites.Interval"/>), so a crash never takes a version back.
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
    internal GrowthCard Join(string caseId, ICaseGrain grain)
    {
        var card = new GrowthCard(grain);
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
                if (!zone.ToZone().DiffersMateriallyFrom(basis.PushedZone.ToZone(), policy))
                {
                    card.End();
                }
                else if (MayGrowHere(card, basis, zone))
                {
                    pushes.Add(Push(card, basis, zone));
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

    /// <summary>
    /// True when this push needs no write before or with it: its version is reserved, and it
    /// reaches the same directory shards and no new country (the tiles are checked once the
    /// directory answers, in <see cref="Push"/>).
    /// </summary>
    private bool MayGrowHere(GrowthCard card, GrowthBasis basis, ZoneSnapshot zone) =>
        zone.Version <= basis.ReservedUpTo
        && regionDirectory.ShardsFor(zone).SetEquals(basis.Shards)
        && card.Borders.Reached(zone.Anchors).All(basis.Countries.Contains);

    private async Task Push(GrowthCard card, GrowthBasis basis, ZoneSnapshot zone)
    {
        // The directory hears this version at once: whatever happens next, it is used.
        var used = basis with { Version = zone.Version };
        try
        {
            var answers = await Task.WhenAll(basis.Shards.Select(shard => regionDirectory.Publish(shard, zone)));
            var tiles = answers.SelectMany(t => t).ToHashSet();
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
            controlRoom.Post(new ControlRoomEvent(CaseChanged: snapshot, Change: CaseChange.Between(basis.LastPublished, snapshot, zonePolicy.Value)));
            CaseLog.ZonePushed(logger, basis.CaseId, zone.Version, zone.RadiusKm, tiles.Count, 0);
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
